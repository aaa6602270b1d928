namespace WinsockConformance.Model;

// Registration in message mode: WSAAsyncSelect, and what the application retrieves.
//
// docs/sources.md #ms-wsaasyncselect, #win-b-registration, #win-f-cancel-close, #win-h-blocking: WSAAsyncSelect makes the socket nonblocking (H1)
// and replaces any earlier registration, whichever API made it (B6); it re-opens every latch, so each selected
// condition that holds now is posted again (B1), but never FD_CONNECT for a connect that completed before (B2; the
// documentation's FD_CONNECT is a level, DOC-1). Mask 0 stops new notification (B7), while messages already queued
// stay in the queue (F1) until the application retrieves them. Wine drops the QoS and change events from the mask
// (WINE-9). The postings themselves happen when the notifier settles the socket (Rules/Notification).
//
// Retrieval is user32's (the GetMessage and PeekMessage reference pages): posted messages wait in the thread's queue in
// posting order, and a retrieval takes the first one that passes its filters, the window (NULL: any) and the message
// range (0, 0: none); PeekMessage with PM_NOREMOVE looks at it and leaves it queued (F4).

/// <summary>WSAAsyncSelect, what either registration shares (H1, B6, the selectable events), and message retrieval.</summary>
internal static class MessageMode
{
    private const NetworkEvents QosAndChangeEvents =
        NetworkEvents.Qos | NetworkEvents.GroupQos | NetworkEvents.RoutingInterfaceChange | NetworkEvents.AddressListChange;

    public static CallOutcome AsyncSelect(StepBuilder b, int i, AsyncSelectCall c)
    {
        var s = b[i];
        var mask = Selectable(b, c.Mask);
        Replaces(b, s);
        if (mask == NetworkEvents.None)
        {
            b.Cite(RuleId.MaskZeroCancels);
        }
        else
        {
            // B1: every latch re-opens, so every selected condition that holds is posted; B2: not FD_CONNECT.
            b.Cite(RuleId.MessageRegistrationRearmsAll);
            b.Cite(ProfileSwitches.ConnectIsLevel);
        }

        b[i] = s with
        {
            Registration = new MessageRegistration(c.Window, c.Message, mask),
            NonBlocking = true,
            Reported = NetworkEvents.None,
            Pending = NetworkEvents.None,
            Quiet = NetworkEvents.None,
        };
        return CallOutcome.Success;
    }

    /// <summary>H1 and B6, for either API: the socket becomes nonblocking, and the registration replaces any before it.</summary>
    public static void Replaces(StepBuilder b, SocketState s)
    {
        b.Cite(RuleId.RegistrationMakesNonblocking);
        if (s.Registration is not NoRegistration)
        {
            b.Cite(RuleId.RegistrationReplacesPrevious);
        }
    }

    /// <summary>WINE-9: a profile that does not support QoS and change events drops those bits at registration.</summary>
    public static NetworkEvents Selectable(StepBuilder b, NetworkEvents mask)
    {
        if (b.Profile.QosAndChangeEventsDelivered)
        {
            return mask;
        }

        if ((mask & QosAndChangeEvents) != 0)
        {
            b.Cite(ProfileSwitches.QosAndChangeEventsDelivered);
        }

        return mask & NetworkEvents.All & ~QosAndChangeEvents;
    }

    /// <summary>getMessage: the first queued message that passes the filters is retrieved (or, PM_NOREMOVE, seen), whatever happened to its socket since (F1, F4).</summary>
    public static CallOutcome GetMessage(StepBuilder b, GetMessageCall c)
    {
        b.Cite(RuleId.RetrievalTakesFirstMatching);
        b.RetrieveFirst(c);
        return CallOutcome.Success;
    }

    /// <summary>getMessages: every message queued for the window is retrieved, in posting order (F1: whatever happened to its socket since).</summary>
    public static CallOutcome GetMessages(StepBuilder b, string window)
    {
        b.Retrieve(window);
        return CallOutcome.Success;
    }
}
