using Winsock = WinsockConformance.RealWinsock.Interop.Interop.Winsock;

namespace WinsockConformance.RealWinsock.Live;

/// <summary>
/// One message removed from the thread's queue. For WSAAsyncSelect messages, wParam is the SOCKET and lParam
/// packs the event (LOWORD, WSAGETSELECTEVENT) and the error (HIWORD, WSAGETSELECTERROR).
/// </summary>
/// <param name="Hwnd">Window the message was posted to.</param>
/// <param name="Message">Message number (the wMsg given to WSAAsyncSelect).</param>
/// <param name="WParam">wParam (the socket, for WSAAsyncSelect).</param>
/// <param name="LParam">lParam (event and error, for WSAAsyncSelect).</param>
/// <param name="PostedTick">MSG.time: the GetTickCount-style millisecond clock when the message was posted.</param>
/// <param name="RetrievedTimestamp">Stopwatch.GetTimestamp() when PeekMessageW returned it.</param>
internal readonly record struct WindowMessage(
    nint Hwnd,
    uint Message,
    nint WParam,
    nint LParam,
    uint PostedTick,
    long RetrievedTimestamp)
{
    /// <summary>WSAGETSELECTEVENT(lParam).</summary>
    public int SelectEvent => Winsock.WSAGETSELECTEVENT(LParam);

    /// <summary>WSAGETSELECTERROR(lParam).</summary>
    public int SelectError => Winsock.WSAGETSELECTERROR(LParam);

    public override string ToString()
        => $"hwnd=0x{Hwnd:X} msg=0x{Message:X} wParam=0x{WParam:X} {WsaErrorNames.FormatEvents(SelectEvent)} error={WsaErrorNames.Format(SelectError)}";
}
