namespace WinsockConformance.Model;

// Options and control codes: setsockopt (SO_OOBINLINE, SO_LINGER), ioctlsocket (FIONBIO, FIONREAD) and the
// notification-related WSAIoctl codes.
//
// docs/sources.md #ms-wsaasyncselect-oob-inline, #ms-recv-oob-inline, #win-h-blocking: with SO_OOBINLINE urgent data is read as normal data (S3); while a
// registration with a non-empty mask is active, FIONBIO=0 fails with WSAEINVAL (H2); FIONREAD reports what recv would
// return without consuming or re-enabling anything (S5). SIO_GET_QOS and SIO_GET_GROUP_QOS re-enable FD_QOS and
// FD_GROUP_QOS (C8), and the change notifications come only after their WSAIoctl, which fails with WSAEWOULDBLOCK on a
// nonblocking socket (C9): the re-enabling table's rows. Wine: FIONREAD on UDP reports only the next datagram (WINE-17)
// and stops at the urgent mark (WINE-24), Wine 10's counts what arrived before an RST (WINE-34), SO_OOBINLINE turns a byte at the mark into data in place (WINE-24), and the
// QoS and change ioctls are not supported (WINE-15). SO_LINGER matters only to closing with unsent data (Validation).

/// <summary>setsockopt, ioctlsocket and WSAIoctl.</summary>
internal static class Options
{
    public static CallOutcome SetOobInline(StepBuilder b, int i, bool enabled)
    {
        var s = b[i];
        if (b.Profile.UrgentMarkSplitsStream && s.UrgentMark >= 0)
        {
            if (enabled == s.OobInline)
            {
                // Setting the option it already has changes nothing (inline, UrgentBytes is Linux's valid flag).
                return CallOutcome.Success;
            }

            // WINE-24: Linux keeps the urgent byte in the stream and asks SO_OOBINLINE at each read: it becomes
            // data in place (even after recv(MSG_OOB) took it, FUZZ-34), or a skipped hole again when switched off.
            // Wine sets the option on the Unix socket itself, so its poll does not see the change (Notifier.RequestReselects).
            b.Cite(ProfileSwitches.UrgentMarkSplitsStream);
            b[i] = s with
            {
                OobInline = enabled,
                ReadableBytes = s.ReadableBytes + (enabled ? 1 : -1),
                InlineChangeUnseen = enabled && s.ReadableBytes == 0,
            };
            return CallOutcome.Success;
        }

        b[i] = enabled && s.UrgentBytes > 0
            ? s with { OobInline = true, ReadableBytes = s.ReadableBytes + s.UrgentBytes, UrgentBytes = 0, Occurred = s.Occurred | NetworkEvents.Read }
            : s with { OobInline = enabled };
        return CallOutcome.Success;
    }

    /// <summary>SO_LINGER: on or off, and whether closing with unsent data waits (a timeout, not 0: Validation).</summary>
    public static CallOutcome SetLinger(StepBuilder b, int i, SetLingerCall c)
    {
        b[i] = b[i] with { LingerOn = c.OnOff, LingerWaits = c.OnOff && c.Seconds > 0 };
        return CallOutcome.Success;
    }

    public static CallOutcome SetNonBlocking(StepBuilder b, int i, bool nonBlocking)
    {
        var s = b[i];
        if (!nonBlocking && s.Registration.Mask != NetworkEvents.None)
        {
            b.Cite(RuleId.BlockingRefusedWhileRegistered);
            return CallOutcome.Fail(WsaError.InvalidArgument);
        }

        b[i] = s with { NonBlocking = nonBlocking };
        return CallOutcome.Success;
    }

    /// <summary>
    /// FIONREAD. The count is a 32-bit u_long on Windows, and the model's counts are 32-bit too: Validation refuses a
    /// step that would queue more than <see cref="int.MaxValue"/> bytes, which no receive buffer holds anyway.
    /// </summary>
    public static CallOutcome Fionread(StepBuilder b, int i)
    {
        var s = b[i];
        b.Cite(RuleId.FionreadCountsBytes);
        long value;
        if (s.Kind == SocketKind.Datagram)
        {
            var firstOnly = b.Profile.FionreadFirstDatagramOnly;
            value = firstOnly ? (s.Datagrams.Count == 0 ? 0 : s.Datagrams[0]) : s.Datagrams.Sum(d => (long)d);
            if (firstOnly)
            {
                b.Cite(ProfileSwitches.FionreadFirstDatagramOnly);
            }
        }
        else if (s.UrgentMark >= 0 && !s.OobInline)
        {
            // WINE-24: Linux's SIOCINQ stops at the urgent mark.
            b.Cite(ProfileSwitches.UrgentMarkSplitsStream);
            value = s.UrgentMark;
        }
        else
        {
            value = s.ReadableBytes;
        }

        if (s.IsReset && b.Profile.FionreadCountsAfterReset && value > 0)
        {
            // WINE-34: recv fails after the RST, but Linux's SIOCINQ still counts what arrived before it.
            b.Cite(ProfileSwitches.FionreadCountsAfterReset);
        }

        return new CallOutcome(0, WsaError.None, value);
    }

    public static CallOutcome Ioctl(StepBuilder b, int i, IoctlCode code)
    {
        var s = b[i];
        if (!b.Profile.QosAndChangeEventsDelivered)
        {
            // WINE-15: no QoS provider; the address-list query is accepted but never answered.
            b.Cite(RuleId.WineQosIoctlsNotSupported);
            return CallOutcome.Fail(code == IoctlCode.AddressListChange ? WsaError.WouldBlock : WsaError.OperationNotSupported);
        }

        switch (code)
        {
            case IoctlCode.GetQos:
                b[i] = ReenablingTable.After(b, s, ReenablingCall.GetQos, NetworkEvents.Qos, CallOutcome.Success);
                return CallOutcome.Success;
            case IoctlCode.GetGroupQos:
                b[i] = ReenablingTable.After(b, s, ReenablingCall.GetGroupQos, NetworkEvents.GroupQos, CallOutcome.Success);
                return CallOutcome.Success;
            case IoctlCode.RoutingInterfaceChange:
                var routing = CallOutcome.Fail(WsaError.WouldBlock);
                b[i] = ReenablingTable.After(b, s, ReenablingCall.RoutingInterfaceChange, NetworkEvents.RoutingInterfaceChange, routing) with { RoutingQueryOutstanding = true };
                return routing;
            case IoctlCode.AddressListChange:
                var addresses = CallOutcome.Fail(WsaError.WouldBlock);
                b[i] = ReenablingTable.After(b, s, ReenablingCall.AddressListChange, NetworkEvents.AddressListChange, addresses) with { AddressQueryOutstanding = true };
                return addresses;
            default:
                throw new System.Diagnostics.UnreachableException(code.ToString());
        }
    }
}
