namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// Where a fill stopped to let the peer's delayed-ACK timer run (H-6): when it has surely fired (<paramref name="Due"/>,
/// a Stopwatch timestamp), and how many of the fill's rounds were used (<paramref name="Round"/>).
/// </summary>
internal readonly record struct FillTail(long Due, int Round);
