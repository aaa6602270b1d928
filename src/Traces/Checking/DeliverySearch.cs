using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>
/// Judges the messages a version-2 trace says the application retrieved (getMessages, getMessage) against the messages
/// the model posted, without relying on when the stack posted them. The model decides what is posted at each step; a
/// stack may vary only when the application sees it. So each message the model posts at step k has a
/// <em>visibility</em> v, the first step that can retrieve it, with k + 1 ≤ v ≤ k + 1 + <c>delay</c> (a delay of 0 when
/// the trace observes <c>posted</c>, which says when; with a delay of d, the d steps after its posting step may miss
/// it), and the thread's queue holds the visible messages in the order they became visible: by v, and within one v in
/// any interleaving of the sockets, each socket's messages (per window and message number) in posting order
/// (implementations.md §6.12). A retrieval at step r takes the first message with v ≤ r that passes its filters.
/// </summary>
/// <remarks>
/// <para>
/// Every retrieval turns into bounds on visibilities: taking message m at step r needs v(m) ≤ r and v(x) ≥ v(m) for
/// every other message x it passes over; finding none needs v(x) &gt; r for every message that passes the filters. All
/// of these are lower bounds but v(m) ≤ r, so giving each retrieved message the least visibility its bounds allow is
/// never worse than another choice: the check is a greedy propagation of lower bounds against each message's upper
/// bound k + 1 + delay, exact for messages named by socket.
/// </para>
/// <para>
/// It branches where the trace leaves open which message was retrieved: a message identified by its wParam
/// (<c>@value</c>, with <c>handles</c> observed) matches every queued message of the sockets that had that value, a
/// closed one's stale message as well as the newer socket's. The search keeps every configuration still possible (the
/// queued messages with their bounds), as Knossos keeps the possible worlds of a history, merges equal ones, and gives
/// up, inconclusive, past <see cref="DefaultLimit"/> of them rather than grow without bound.
/// </para>
/// </remarks>
internal sealed class DeliverySearch(int delay, int limit = DeliverySearch.DefaultLimit)
{
    /// <summary>The most configurations kept at once.</summary>
    public const int DefaultLimit = 4096;

    private List<Configuration> _configurations = [Configuration.Empty];
    private long _serial;

    /// <summary>Why the search stopped judging (too many configurations), or null while it judges.</summary>
    public string? GaveUp { get; private set; }

    /// <summary>The configurations still possible (1 unless a retrieval was ambiguous).</summary>
    public int Configurations => _configurations.Count;

    /// <summary>The model posted <paramref name="posted"/> at step <paramref name="step"/>, following <paramref name="rules"/>.</summary>
    public void Posted(int step, EquatableArray<Notification> posted, RuleSet rules)
    {
        if (posted.Count == 0 || GaveUp is not null)
        {
            return;
        }

        var added = new Pending[posted.Count];
        for (var i = 0; i < added.Length; i++)
        {
            added[i] = new Pending(posted[i], step, step + 1, step + 1 + delay, rules, _serial++);
        }

        for (var c = 0; c < _configurations.Count; c++)
        {
            _configurations[c] = _configurations[c].Append(added);
        }
    }

    /// <summary>
    /// A retrieval step observed <paramref name="observed"/>: null when some configuration explains it, else the difference
    /// (with what a stack posting on time would have given). <paramref name="identify"/> says whether a queued message is
    /// the observed one.
    /// </summary>
    public DeliveredDifference? Retrieved(int step, Input input, IReadOnlyList<ObservedMessage> observed, Func<Notification, ObservedMessage, bool> identify, Func<Notification, ObservedMessage> render, RuleSet stepRules, ModelState before)
    {
        if (GaveUp is not null)
        {
            return null;
        }

        var (filter, all) = input switch
        {
            GetMessagesCall g => (new GetMessageCall(g.Window), true),
            GetMessageCall g => (g, false),
            _ => throw new System.Diagnostics.UnreachableException(input.ToString()),
        };

        var survivors = new List<Configuration>();
        foreach (var configuration in _configurations)
        {
            IEnumerable<Configuration> now = [configuration];
            foreach (var message in all || observed.Count <= 1 ? observed : [])
            {
                now = now.SelectMany(c => c.Take(filter, message, step, identify));
            }

            // getMessages takes until nothing passes; getMessage takes one (nothing observed: none was queued). More than one
            // message for one getMessage is no configuration's.
            now = all || observed.Count == 0 ? now.SelectMany(c => c.NoneLeft(filter, step)) : observed.Count == 1 ? now : [];
            foreach (var c in now)
            {
                survivors.Add(c);
                if (survivors.Count > limit)
                {
                    survivors = [.. survivors.Distinct()];
                    if (survivors.Count > limit)
                    {
                        GaveUp = $"the search for a posting order the model allows kept more than {limit} possible queues at step {step}: the messages retrieved from there on are not judged";
                        _configurations = [];
                        return null;
                    }
                }
            }
        }

        if (survivors.Count > 0)
        {
            _configurations = survivors.Count == 1 ? survivors : [.. survivors.Distinct()];
            return null;
        }

        // No configuration explains it: report what a stack that posts on time would have delivered from the first one.
        var expected = _configurations[0].OnTime(filter, step, all);
        var rules = stepRules;
        foreach (var p in expected)
        {
            rules = rules.Union(p.Rules);
        }

        return new DeliveredDifference(new([.. expected.Select(p => render(p.Message))]), new([.. observed.Select(m => m with { WParam = null })]))
        {
            Rules = rules,
            Before = before,
        };
    }

    /// <summary>A message the model posted and the application has not retrieved: its visibility is between the bounds.</summary>
    private readonly record struct Pending(Notification Message, int Step, int Earliest, int Latest, RuleSet Rules, long Serial)
    {
        /// <summary>Messages of one chain keep their posting order: same window, message number and socket.</summary>
        public bool SameChain(in Pending other) =>
            Message.Socket == other.Message.Socket && Message.Message == other.Message.Message && string.Equals(Message.Window, other.Message.Window, StringComparison.Ordinal);
    }

    /// <summary>One possible state of the queue: the messages not retrieved, in posting order, with their bounds.</summary>
    private sealed class Configuration(Pending[] pending) : IEquatable<Configuration>
    {
        public static readonly Configuration Empty = new([]);

        public Configuration Append(Pending[] added) => new([.. pending, .. added]);

        /// <summary>Every way of retrieving <paramref name="observed"/> at <paramref name="step"/> as the first message that passes the filter.</summary>
        public IEnumerable<Configuration> Take(GetMessageCall filter, ObservedMessage observed, int step, Func<Notification, ObservedMessage, bool> identify)
        {
            for (var i = 0; i < pending.Length; i++)
            {
                var candidate = pending[i];
                if (!filter.Passes(candidate.Message.Window, candidate.Message.Message) || candidate.Earliest > step || !IsHead(i) || !identify(candidate.Message, observed))
                {
                    continue;
                }

                // The least visibility its bounds allow; every other message the filter passes is visible no earlier.
                var visible = candidate.Earliest;
                var next = new List<Pending>(pending.Length);
                var possible = true;
                for (var j = 0; j < pending.Length && possible; j++)
                {
                    var p = pending[j];
                    if (j == i)
                    {
                        if (!filter.Remove)
                        {
                            next.Add(p with { Latest = visible });
                        }

                        continue;
                    }

                    if (filter.Passes(p.Message.Window, p.Message.Message) && p.Earliest < visible)
                    {
                        p = p with { Earliest = visible };
                        possible = p.Earliest <= p.Latest;
                    }

                    next.Add(p);
                }

                if (possible)
                {
                    yield return new Configuration([.. next]);
                }
            }
        }

        /// <summary>Nothing that passes the filter is retrievable at <paramref name="step"/>: each such message becomes visible later, if it may.</summary>
        public IEnumerable<Configuration> NoneLeft(GetMessageCall filter, int step)
        {
            Pending[]? next = null;
            for (var j = 0; j < pending.Length; j++)
            {
                var p = pending[j];
                if (!filter.Passes(p.Message.Window, p.Message.Message) || p.Earliest > step)
                {
                    continue;
                }

                if (step + 1 > p.Latest)
                {
                    return [];
                }

                next ??= [.. pending];
                next[j] = p with { Earliest = step + 1 };
            }

            return [next is null ? this : new Configuration(next)];
        }

        /// <summary>What a stack posting every message at its step would give: the first (or, <paramref name="all"/>, every) message that passes.</summary>
        public IReadOnlyList<Pending> OnTime(GetMessageCall filter, int step, bool all)
        {
            var visible = pending.Where(p => filter.Passes(p.Message.Window, p.Message.Message) && p.Earliest <= step)
                .OrderBy(p => p.Earliest).ThenBy(p => p.Serial);
            return all ? [.. visible] : [.. visible.Take(1)];
        }

        /// <summary>Whether no earlier message of its chain is still queued.</summary>
        private bool IsHead(int index)
        {
            for (var j = 0; j < index; j++)
            {
                if (pending[j].SameChain(pending[index]))
                {
                    return false;
                }
            }

            return true;
        }

        public bool Equals(Configuration? other)
        {
            if (other is null || other.Count != pending.Length)
            {
                return false;
            }

            for (var i = 0; i < pending.Length; i++)
            {
                var (a, b) = (pending[i], other.At(i));
                if (a.Serial != b.Serial || a.Earliest != b.Earliest || a.Latest != b.Latest)
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Configuration);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var p in pending)
            {
                hash.Add(p.Serial);
                hash.Add(p.Earliest);
                hash.Add(p.Latest);
            }

            return hash.ToHashCode();
        }

        private int Count => pending.Length;

        private Pending At(int index) => pending[index];
    }
}
