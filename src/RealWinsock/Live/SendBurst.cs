namespace WinsockConformance.RealWinsock.Live;

/// <summary>Result of <see cref="WinsockApi.SendUntilWouldBlock"/>.</summary>
/// <param name="Last">The final send: SOCKET_ERROR/WSAEWOULDBLOCK normally; another result if it stopped otherwise.</param>
/// <param name="TotalBytes">Bytes accepted by all the successful sends.</param>
/// <param name="Calls">Number of send calls made.</param>
/// <param name="ReachedCap">True if it stopped because the byte cap was reached without a WSAEWOULDBLOCK.</param>
internal readonly record struct SendBurst(NativeCall Last, long TotalBytes, int Calls, bool ReachedCap);
