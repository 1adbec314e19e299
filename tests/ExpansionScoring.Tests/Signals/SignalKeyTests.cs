using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Signals;

public class SignalKeyTests
{
    [Fact]
    public void Of_DifferentCasing_SameKey()
    {
        Assert.Equal(SignalKey.PlanFit, SignalKey.Of("planfit"));
        Assert.Equal(SignalKey.Of("TestKeyCasing"), SignalKey.Of("TESTKEYCASING"));
        Assert.Equal("TestKeyCasing", SignalKey.Of("testkeycasing").Name);
    }

    [Fact]
    public void BuiltIn_TheSpecsFiveKeysFirstInCanonicalOrder()
    {
        Assert.Equal(["PlanFit", "Velocity", "Engagement", "Champion", "Triggers"], SignalKey.BuiltIn.Take(5).Select(k => k.Name));
        Assert.All(SignalKey.BuiltIn, k => Assert.True(k.IsBuiltIn));
        Assert.False(SignalKey.Of("Nps").IsBuiltIn);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has space")]
    [InlineData("_lead")]
    public void Of_InvalidName_ThrowsArgumentException(string name)
    {
        Assert.False(SignalKey.IsValidName(name));
        Assert.Throws<ArgumentException>(() => SignalKey.Of(name));
    }

    [Fact]
    public void Of_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => SignalKey.Of(null!));
    }

    [Fact]
    public void Default_NamesNoSignal()
    {
        Assert.True(default(SignalKey).IsDefault);
        Assert.Equal(string.Empty, default(SignalKey).Name);
    }

    [Fact]
    public void SignalNameTable_Full_RejectsNewNamesButKeepsResolvingKnownOnes()
    {
        // The process-wide table is a SignalNameTable of SignalKey.MaxNames; a small one shows the bound.
        var table = new SignalNameTable(3);
        Assert.Equal(0, table.Register("A"));
        Assert.Equal(1, table.Register("B"));
        Assert.Equal(2, table.Register("C"));

        var ex = Assert.Throws<ArgumentException>(() => table.Register("D"));

        Assert.Contains("'D' would be signal name number 4 in this process, which keeps at most 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, table.Count);
        Assert.Equal(1, table.Register("b"));
        Assert.True(table.TryGet("c", out int c));
        Assert.Equal(2, c);
        Assert.False(table.TryGet("D", out _));
    }

    [Fact]
    public void Of_ProcessTable_IsBounded()
    {
        Assert.Equal(1_024, SignalKey.MaxNames);
        Assert.True(SignalKey.RegisteredCount <= SignalKey.MaxNames);
    }
}
