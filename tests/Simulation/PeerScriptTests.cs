using WinsockConformance.Simulation.Network;
using WinsockConformance.SimulationTests.Support;

namespace WinsockConformance.SimulationTests;

/// <summary>Peer scripts: every form reads; every mistake is "file:line: what was expected".</summary>
public class PeerScriptTests
{
    [Fact]
    public void Every_action_and_payload_form_reads()
    {
        var script = Simulated.Peer(
            """{"do":"accept","port":7,"comment":"the client's connection"}""",
            """{"do":"send","text":"hello"}""",
            """{"do":"send","hex":"0d 0a"}""",
            """{"do":"send","bytes":5,"pattern":"ab"}""",
            """{"do":"sendUrgent","hex":"21"}""",
            """{"do":"read","bytes":3}""",
            """{"do":"expect","text":"bye"}""",
            """{"do":"wait","until":"received","bytes":10}""",
            """{"do":"wait","until":"closed"}""",
            """{"do":"shutdown"}""",
            """{"do":"close"}""",
            """{"do":"connect","port":8080}""",
            """{"do":"echo"}""",
            """{"do":"refuse","port":9}""");
        Assert.Equal(14, script.Actions.Count);
        Assert.Equal("ababa"u8.ToArray(), ((SendAction)script.Actions[3]).Bytes);
        Assert.Equal([0x0d, 0x0a], ((SendAction)script.Actions[2]).Bytes);
        Assert.Equal(2, script.Actions[0].Line);
    }

    [Theory]
    [InlineData("""{"do":"sned","text":"x"}""", "test.jsonl:3: unknown action \"sned\"; expected one of: accept, refuse, connect, send")]
    [InlineData("""{"do":"send","txt":"x"}""", "test.jsonl:3: unknown key \"txt\"; expected: do, conn, text, hex, bytes, pattern, comment")]
    [InlineData("""{"do":"send","text":"x","hex":"00"}""", "test.jsonl:3: expected exactly one of \"text\", \"hex\", \"bytes\"")]
    [InlineData("""{"do":"send","hex":"0g"}""", "test.jsonl:3: \"hex\" must be pairs of hexadecimal digits")]
    [InlineData("""{"do":"send","bytes":0}""", "test.jsonl:3: \"bytes\" must be an integer from 1")]
    [InlineData("""{"do":"send","conn":2,"text":"x"}""", "test.jsonl:3: \"conn\": 2, but only 1 connection(s) are opened before this line")]
    [InlineData("""{"do":"wait","until":"sent"}""", "test.jsonl:3: wait until sent needs \"bytes\"")]
    [InlineData("""{"do":"sendUrgent","text":"ab"}""", "test.jsonl:3: sendUrgent sends exactly one byte")]
    [InlineData("""{"do":"send",""", "test.jsonl:3: malformed JSON")]
    public void A_bad_action_is_reported_with_its_line(string line, string message)
    {
        var e = Assert.Throws<PeerScriptException>(() => Simulated.Peer("""{"do":"accept"}""", line));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acting_before_any_connection_or_after_closing_it_is_bad_input()
    {
        var before = Assert.Throws<PeerScriptException>(() => Simulated.Peer("""{"do":"send","text":"x"}"""));
        Assert.Equal("test.jsonl:2: \"send\" needs a connection: an earlier \"accept\" or \"connect\"", before.Message);
        var after = Assert.Throws<PeerScriptException>(() => Simulated.Peer("""{"do":"accept"}""", """{"do":"close"}""", """{"do":"send","text":"x"}"""));
        Assert.Equal("test.jsonl:4: \"send\" after the peer's close of connection 1", after.Message);
    }

    [Theory]
    [InlineData("", "x.jsonl:1: empty file")]
    [InlineData("""{"format":"wsaasyncselect-peer","version":2}""", "x.jsonl:1: unsupported peer script version")]
    [InlineData("""{"format":"wsaasyncselect-trace","version":1}""", "x.jsonl:1: expected a header line")]
    public void A_bad_header_is_reported_on_line_1(string text, string message)
    {
        var e = Assert.Throws<PeerScriptException>(() => PeerScriptReader.Read(text, "x.jsonl"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_line_0()
    {
        var e = Assert.Throws<PeerScriptException>(() => ReadyPeers.Load("no/such/peer.jsonl"));
        Assert.StartsWith("no/such/peer.jsonl:0: cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ready_made_peers_are_scripts_too()
    {
        Assert.IsType<EchoAction>(ReadyPeers.Find("echo")!.Actions[1]);
        Assert.IsType<SinkAction>(ReadyPeers.Find("sink")!.Actions[1]);
        var source = ReadyPeers.Find("source:40")!;
        Assert.Equal(40, ((SendAction)source.Actions[1]).Bytes.Length);
        Assert.Throws<PeerScriptException>(() => ReadyPeers.Find("source:x"));
        Assert.Null(ReadyPeers.Find("samples/peers/x.jsonl"));
    }

    [Fact]
    public void The_sample_peer_scripts_read()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "samples", "peers"), "*.jsonl"))
        {
            Assert.NotEmpty(PeerScriptReader.ReadFile(file).Actions);
        }
    }
}
