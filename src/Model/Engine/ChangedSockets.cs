namespace WinsockConformance.Model;

/// <summary>The numbers of the sockets a step changed, ascending: a set of the first 64 positions, then the others.</summary>
internal readonly struct ChangedSockets(int firstOpen, ulong low, List<int>? high)
{
    public Enumerator GetEnumerator() => new(firstOpen, low, high);

    public struct Enumerator(int firstOpen, ulong low, List<int>? high)
    {
        private ulong _low = low;
        private int _high = -1;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            if (_low != 0)
            {
                Current = firstOpen + System.Numerics.BitOperations.TrailingZeroCount(_low);
                _low &= _low - 1;
                return true;
            }

            if (high is not null && ++_high < high.Count)
            {
                Current = firstOpen + high[_high];
                return true;
            }

            return false;
        }
    }
}
