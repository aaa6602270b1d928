namespace WinsockConformance.Properties;

/// <summary>The FSCHECK_REPLAY syntax: the tuple exactly as FsCheck prints it.</summary>
public sealed class ReplayTupleTests
{
    [Theory]
    [InlineData("(12345,67891)", 12345UL, 67891UL, null)]
    [InlineData("12345,67891", 12345UL, 67891UL, null)]
    [InlineData("(12345, 67891, 42)", 12345UL, 67891UL, 42)]
    [InlineData(" 12345,67891,0 ", 12345UL, 67891UL, 0)]
    public void Replay_tuple_parses_with_or_without_parentheses(string text, ulong seed, ulong gamma, int? size)
    {
        var replay = ReplayTuple.Parse(text);

        Assert.Equal(new ReplayTuple(seed, gamma, size), replay);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("a,b")]
    [InlineData("1,2")]
    [InlineData("1,3,4,5")]
    [InlineData("1,3,x")]
    public void Replay_tuple_rejects_anything_else(string text) =>
        Assert.Throws<FormatException>(() => ReplayTuple.Parse(text));
}
