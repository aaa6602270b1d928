namespace WinsockConformance.Model;

/// <summary>
/// Remembers, per open socket position, the last socket whose settling changed nothing (the same
/// object back, no message, no event object touched) and the rules it named, so that the next step
/// that leaves that socket alone replays the rules instead of settling it again.
/// </summary>
/// <remarks>
/// Most steps change one socket of the six or seven open ones, and settling an unchanged socket
/// again only re-names the same level rules (it was settled when it last changed). This relies on
/// <see cref="Notifier"/> settling a socket from the socket and the profile alone; Debug builds
/// (and so the test suite) settle every replayed socket again and fail loudly if that ever stops
/// holding. Keyed by object identity: a socket is immutable, so the same object settles the same way.
/// </remarks>
internal sealed class SettleMemo
{
    private Profile? _profile;
    private SocketState?[] _sockets = new SocketState?[16];
    private RuleSet[] _rules = new RuleSet[16];

    /// <summary>Forgets everything when the profile changes (settling depends on it).</summary>
    public void StartStep(Profile profile)
    {
        if (!ReferenceEquals(profile, _profile))
        {
            _profile = profile;
            Array.Clear(_sockets);
        }
    }

    /// <summary>Whether settling this socket at this position is known to change nothing; if so, the rules it names.</summary>
    public bool TryReplay(int position, SocketState socket, out RuleSet rules)
    {
        if (position < _sockets.Length && ReferenceEquals(_sockets[position], socket))
        {
            rules = _rules[position];
            return true;
        }

        rules = RuleSet.Empty;
        return false;
    }

    /// <summary>
    /// <see cref="TryReplay"/> for the first 64 open sockets at once, without a branch per socket (which
    /// ones the step changed is what a branch predictor cannot guess): the rules of every replayable one,
    /// and a bit set for each of the others, which must be settled.
    /// </summary>
    public ulong ReplayAll(ReadOnlySpan<SocketState> open, out RuleSet rules)
    {
        var count = Math.Min(open.Length, 64);
        EnsureCapacity(count);
        var sockets = _sockets.AsSpan(0, count);
        var remembered = _rules.AsSpan(0, count);
        ulong low = 0, high = 0, toSettle = 0;
        for (var position = 0; position < sockets.Length; position++)
        {
            // All ones when the socket is the remembered one, else zero, by arithmetic: the JIT keeps a
            // conditional inside a loop as a branch.
            var same = System.Runtime.CompilerServices.Unsafe.BitCast<bool, byte>(ReferenceEquals(sockets[position], open[position]));
            var replay = 0UL - same;
            low |= remembered[position].Low & replay;
            high |= remembered[position].High & replay;
            toSettle |= (ulong)(same ^ 1) << position;
        }

        rules = new RuleSet(low, high);
        return toSettle;
    }

    public void Remember(int position, SocketState socket, RuleSet rules)
    {
        EnsureCapacity(position + 1);
        _sockets[position] = socket;
        _rules[position] = rules;
    }

    private void EnsureCapacity(int count)
    {
        if (count > _sockets.Length)
        {
            Array.Resize(ref _sockets, Math.Max(count, _sockets.Length * 2));
            Array.Resize(ref _rules, _sockets.Length);
        }
    }
}
