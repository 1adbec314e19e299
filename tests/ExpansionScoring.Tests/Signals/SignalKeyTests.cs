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
    public void BuiltIn_FiveKeysInCanonicalOrder()
    {
        Assert.Equal(["PlanFit", "Velocity", "Engagement", "Champion", "Triggers"], SignalKey.BuiltIn.Select(k => k.Name));
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
}
