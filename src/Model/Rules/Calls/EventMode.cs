namespace WinsockConformance.Model;

// Registration in event mode: WSAEventSelect and WSAEnumNetworkEvents.
//
// docs/sources.md #win-a-format, #win-b-registration, #win-d-level: in event mode bits accumulate; WSAEnumNetworkEvents returns and clears only the selected
// ones, with the error word of FD_CONNECT and FD_CLOSE, and resets the event object it is given (A3). WSAEventSelect
// sets the event at once when a selected bit is recorded and not yet enumerated, and never resets it (B3). A
// re-registration does not report again what was enumerated, but re-opens those latches for the next new occurrence
// (B4); Wine carries the latches over untouched (WINE-1), the documentation reports every condition that holds
// (DOC-7). After WSAAsyncSelect, what was posted counts as enumerated (X1, an assumption); Wine 10 also drops what
// message mode recorded and did not post (WINE-36).

/// <summary>WSAEventSelect and WSAEnumNetworkEvents.</summary>
internal static class EventMode
{
    /// <summary>The bits with an error word (<see cref="ErrorOf"/>), in iErrorCode's ascending bit order.</summary>
    private static readonly NetworkEvents[] s_bitsWithErrors = [NetworkEvents.Connect, NetworkEvents.Close];

    public static CallOutcome EventSelect(StepBuilder b, int i, EventSelectCall c)
    {
        var s = b[i];
        var mask = MessageMode.Selectable(b, c.Mask);
        MessageMode.Replaces(b, s);
        var delivered = s.Reported & ~s.Pending;
        if (s.Registration is MessageRegistration)
        {
            b.Cite(RuleId.MessageDeliveryCountsAsEnumerated);

            // WINE-36: message mode drops what it records and does not post (FD_CONNECT outside the mask, the FD_WRITE
            // of WINE-38), so the switch to event mode finds them reported and not pending.
            if (b.Profile.EventSelectDropsMessageRecords && s.Pending != NetworkEvents.None)
            {
                b.Cite(ProfileSwitches.EventSelectDropsMessageRecords);
                s = s with { Pending = NetworkEvents.None };
            }
        }

        s = b.Profile.EventReregistration switch
        {
            // B4: enumerated (or posted) bits re-open for the next new occurrence only.
            EventReregistration.ReopenForNewOccurrences => s with { Reported = s.Pending, Quiet = s.Quiet | delivered },
            EventReregistration.KeepLatches => s,
            EventReregistration.RearmLevel => s with { Reported = s.Pending, Quiet = NetworkEvents.None },
            var other => throw new System.Diagnostics.UnreachableException(other.ToString()),
        };
        if (delivered != NetworkEvents.None)
        {
            b.Cite(ProfileSwitches.EventReregistration);
        }

        b[i] = s with { Registration = new EventRegistration(c.EventObject, mask), NonBlocking = true };
        b.SetSignaled(c.EventObject, b.IsSignaled(c.EventObject));
        if ((s.Pending & mask) != 0)
        {
            // B3: recorded, not yet enumerated, selected: the event is set at once (and never reset here).
            b.Cite(RuleId.EventRegistrationSignalsRecorded);
            b.SetSignaled(c.EventObject, true);
        }

        return CallOutcome.Success;
    }

    public static CallOutcome EnumNetworkEvents(StepBuilder b, int i, string? eventObject)
    {
        var s = b[i];
        var reported = s.Pending & s.Registration.Mask;
        var errors = EquatableArray<BitError>.Empty;
        foreach (var bit in s_bitsWithErrors)
        {
            var error = (reported & bit) != 0 ? ErrorOf(s, bit) : WsaError.None;
            if (error != WsaError.None)
            {
                errors = errors.Add(new BitError(bit, error));
            }
        }

        b.Cite(RuleId.EventBitsAccumulate);
        b[i] = s with { Pending = s.Pending & ~reported };
        if (eventObject is not null)
        {
            b.SetSignaled(eventObject, false);
        }

        return new CallOutcome(0, WsaError.None, Enumerated: new EnumeratedEvents(reported, errors));
    }

    /// <summary>The error word a latched bit carries: FD_CONNECT's and FD_CLOSE's as recorded when they latched, 0 for the rest (G3).</summary>
    private static WsaError ErrorOf(SocketState s, NetworkEvents bit) => bit switch
    {
        NetworkEvents.Connect => s.ConnectError,
        NetworkEvents.Close => s.CloseError,
        _ => WsaError.None,
    };
}
