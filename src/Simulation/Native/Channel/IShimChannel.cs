using WinsockConformance.Simulation.Native.Protocol;

namespace WinsockConformance.Simulation.Native.Channel;

/// <summary>
/// The harness's end of one program run's channel to the shim: requests in order, one reply per request that wants one,
/// and, after the last request the program sent, an <see cref="ShimOp.Exited"/> request when its process ended.
/// </summary>
internal interface IShimChannel : IDisposable
{
    /// <summary>What the program is given as WSASIM_CHANNEL (a Z:\ folder under Wine, a \\.\pipe\ name on Windows).</summary>
    string ProgramSide { get; }

    /// <summary>The next request; blocks until one comes.</summary>
    ShimRequest Read();

    void Write(ShimReply reply);

    /// <summary>The program's process ended with <paramref name="status"/>: <see cref="Read"/> returns Exited after everything it sent.</summary>
    void ProcessExited(int status);
}
