namespace WinsockConformance.Model;

/// <summary>Settling: how <see cref="Notifier"/>'s per-socket settling runs over the open sockets, with replay.</summary>
internal sealed partial class StepBuilder
{
    private readonly SettleMemo _settled = new();

    /// <summary>
    /// Settles every open socket with <paramref name="settle"/>, in creation order, or replays the rules
    /// of a socket's last settling when that changed nothing (<see cref="SettleMemo"/>).
    /// </summary>
    public void SettleOpenSockets(Func<StepBuilder, SocketState, SocketState> settle)
    {
        // The first 64 in one pass (the replayable ones at once), any further ones one by one. Settling
        // one socket changes no other, so what is replayable is known before any is settled.
        var toSettle = _settled.ReplayAll(Open(), out var replayed);
        Rules = Rules.Union(replayed);
        var replayedPositions = ~toSettle & (Open().Length >= 64 ? ulong.MaxValue : (1UL << Open().Length) - 1);
        while (toSettle != 0)
        {
            var position = System.Numerics.BitOperations.TrailingZeroCount(toSettle);
            toSettle &= toSettle - 1;
            SettleOne(position, settle);
        }

        CheckReplays(settle, replayedPositions);

        for (var position = 64; position < Open().Length; position++)
        {
            if (_settled.TryReplay(position, Open()[position], out var one))
            {
                Rules = Rules.Union(one);
                continue;
            }

            SettleOne(position, settle);
        }
    }

    /// <summary>Settles the open socket at this position, remembering the settling if it changed nothing.</summary>
    private void SettleOne(int position, Func<StepBuilder, SocketState, SocketState> settle)
    {
        var socket = Open()[position];
        var (settled, named, changedNothing) = SettleApart(socket, settle);
        if (changedNothing)
        {
            _settled.Remember(position, socket, named);
        }
        else
        {
            this[FirstOpen + position] = settled;
        }
    }

    /// <summary>Runs one settling with its rules counted apart (then added to the step's), and says whether it changed anything.</summary>
    private (SocketState Socket, RuleSet Named, bool ChangedNothing) SettleApart(SocketState socket, Func<StepBuilder, SocketState, SocketState> settle)
    {
        var rules = Rules;
        var effects = _effects;
        Rules = RuleSet.Empty;
        var settled = settle(this, socket);
        var named = Rules;
        Rules = rules.Union(named);
        return (settled, named, ReferenceEquals(settled, socket) && effects == _effects);
    }

    /// <summary>Debug builds only: every replayed settling must be what settling again gives.</summary>
    [System.Diagnostics.Conditional("DEBUG")]
    private void CheckReplays(Func<StepBuilder, SocketState, SocketState> settle, ulong replayedPositions)
    {
        for (var position = 0; position < Math.Min(Open().Length, 64); position++)
        {
            if ((replayedPositions & (1UL << position)) == 0)
            {
                continue;
            }

            var socket = Open()[position];
            if (!_settled.TryReplay(position, socket, out var replayed))
            {
                throw new InvalidOperationException($"settling another socket changed {socket.Ref}, whose settling was replayed at step {StepIndex} (SettleMemo)");
            }

            var rules = Rules;
            var (_, named, changedNothing) = SettleApart(socket, settle);
            Rules = rules;
            if (!changedNothing || named != replayed)
            {
                throw new InvalidOperationException(
                    $"settling {socket.Ref} again at step {StepIndex} gave another result than the replayed one ({named} vs {replayed}):"
                    + " Notifier must settle a socket from the socket and the profile alone (SettleMemo)");
            }
        }
    }
}
