using System.Globalization;
using WinsockConformance.CheckerTests.Support;
using WinsockConformance.Model;
using WinsockConformance.RealWinsock.Live;
using WinsockConformance.Traces;

namespace WinsockConformance.CheckerTests;

/// <summary>
/// The probe leaves posted messages in the real thread queue until the scenario retrieves them (QueueLedger), so the
/// gate sees what a stack does to queued messages. A stand-in stack that purges its queue at closesocket and mask 0
/// conforms no more; the same stand-in passed when the probe took the messages out after every step.
/// </summary>
public sealed class RealQueueTests
{
    public static TheoryData<string> SurvivalScenarios() =>
    [
        "scenarios/cancel/mask-zero-keeps-queued-messages.jsonl",
        "scenarios/close/closesocket-keeps-queued-messages.jsonl",
        "scenarios/close/reused-name-gets-stale-message.jsonl",
    ];

    [Theory]
    [MemberData(nameof(SurvivalScenarios))]
    public void A_stack_that_keeps_its_queue_conforms(string file) =>
        Assert.Equal(Verdict.Conforms, Run(file, new QueueStandInStack()).Verdict);

    [Theory]
    [MemberData(nameof(SurvivalScenarios))]
    public void The_gate_catches_a_stack_that_purges_queued_messages(string file)
    {
        // Given a stack that removes a socket's queued messages at closesocket and at WSAAsyncSelect mask 0
        var report = Run(file, new QueueStandInStack { PurgesQueue = true });

        // Then the messages it removed are not delivered, and the trace diverges there
        Assert.Equal(Verdict.Diverges, report.Verdict);
        Assert.Contains(report.FirstDivergence!.Differences, d => d.Aspect == Aspect.Delivered);
    }

    [Theory]
    [MemberData(nameof(SurvivalScenarios))]
    public void Taking_messages_out_after_every_step_hid_the_purge(string file) =>
        Assert.Equal(Verdict.Conforms, Run(file, new QueueStandInStack { PurgesQueue = true, PutsBack = false }).Verdict);

    [Fact]
    public void Putting_messages_back_keeps_their_order_across_windows_and_steps()
    {
        var queue = new FakeThreadQueue();
        var ledger = new QueueLedger<QueuedMessage>(queue, Marker, m => m);
        queue.Post(Message(1, 10));
        queue.Post(Message(2, 20));
        Assert.Equal([Message(1, 10), Message(2, 20)], ledger.Collect());
        ledger.Requeue();

        // The real queue holds them, in order, then the marker; a message posted in the next step comes after the marker
        Assert.Equal([Message(1, 10), Message(2, 20), Marker], queue.Messages);
        queue.Post(Message(1, 11));
        Assert.Equal([Message(1, 11)], ledger.Collect());
        Assert.Empty(ledger.TakeLost());

        // getMessages for window 1 retrieves its two messages in order; window 2's stays queued
        Assert.Equal([Message(1, 10), Message(1, 11)], ledger.Retrieve(1, out var fresh));
        Assert.Empty(fresh);
        ledger.Requeue();
        Assert.Equal([Message(2, 20), Marker], queue.Messages);
    }

    [Fact]
    public void A_message_the_stack_posts_while_they_are_put_back_is_new_and_kept_after_them()
    {
        var queue = new FakeThreadQueue();
        var ledger = new QueueLedger<QueuedMessage>(queue, Marker, m => m);
        queue.Post(Message(1, 10));
        queue.Post(Message(1, 11));
        ledger.Collect();
        ledger.Requeue();

        // A late message lands between the two put back
        queue.Messages.Insert(1, Message(1, 12));
        Assert.Equal([Message(1, 12)], ledger.Collect());
        Assert.Equal([Message(1, 10), Message(1, 11), Message(1, 12)], ledger.Queued);
        Assert.Empty(ledger.TakeLost());
    }

    [Fact]
    public void A_removed_message_is_reported_lost_and_never_delivered()
    {
        var queue = new FakeThreadQueue();
        var ledger = new QueueLedger<QueuedMessage>(queue, Marker, m => m);
        queue.Post(Message(1, 10));
        queue.Post(Message(1, 11));
        ledger.Collect();
        ledger.Requeue();

        queue.Messages.RemoveAt(0);
        Assert.Empty(ledger.Collect());
        Assert.Equal([Message(1, 10)], ledger.TakeLost());
        Assert.Equal([Message(1, 11)], ledger.Retrieve(1, out _));
    }

    private static readonly QueuedMessage Marker = new(99, 0x8000, 0, 0);

    private static QueuedMessage Message(nint window, nint socket) => new(window, 0x401, socket, 1);

    private static CheckReport Run(string file, QueueStandInStack stack)
    {
        var scenario = TraceReader.ReadFile(Repository.PathOf(file)).AsScenario();
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new TraceWriter(text))
        {
            stack.Capture(scenario, writer);
        }

        var trace = TraceReader.Read(file, text.ToString().Split('\n'));
        return Checker.Check(trace, Profiles.Windows);
    }
}
