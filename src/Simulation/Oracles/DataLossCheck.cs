using WinsockConformance.Model;
using WinsockConformance.Simulation.Core;

namespace WinsockConformance.Simulation.Oracles;

/// <summary>SIM-DATA-LOSS: at a close (closesocket, WSACleanup, exit), nothing the peer sent before its FIN may be unread.</summary>
internal sealed class DataLossCheck(bool allowUnread) : OracleCheck
{
    public override Oracle Oracle => Oracles.DataLoss;

    public override void Closing(IOracleContext run, SimSocket socket, SocketState before, string api)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(before);
        if (allowUnread || !before.PeerSentFin || before.IsReset || before.ReadableBytes == 0)
        {
            return;
        }

        var sent = socket.Connection?.PeerSentTotal ?? before.ReadableBytes;
        var how = api == "exit" ? "the program exited" : api.Contains('(', StringComparison.Ordinal) ? api : $"{api} closed {socket}";
        run.Fire(Oracle, $"{how} with {before.ReadableBytes} of the {sent} bytes the peer sent before its FIN unread",
            run.RetrievedRules(socket.Ref).Union(run.StepRules(socket.Ref)));
    }
}
