using ExpansionScoring.Signals;

namespace ExpansionScoring.Tests.Signals;

public class SignalValuesTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(101)]
    [InlineData(100.001)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void With_OutsideZeroToHundredOrNaN_Throws(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SignalValues.Empty.With(SignalKey.Velocity, value));
        Assert.Equal("value", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(101)]
    public void Of_InvalidValue_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalValues.Of(planFit: value));
    }

    [Fact]
    public void From_InvalidNameOrValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => SignalValues.From([new KeyValuePair<string, double>("1bad", 5)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalValues.From([new KeyValuePair<string, double>("Velocity", 101)]));
    }

    [Fact]
    public void From_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SignalValues.From((IEnumerable<KeyValuePair<string, double>>)null!));
        Assert.Throws<ArgumentNullException>(() => SignalValues.From((IEnumerable<KeyValuePair<SignalKey, double>>)null!));
    }

    [Fact]
    public void With_DefaultKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => SignalValues.Empty.With(default, 5));
    }

    [Fact]
    public void With_IsImmutable_AndCountsDistinctKeys()
    {
        var one = SignalValues.Empty.With(SignalKey.PlanFit, 10);
        var two = one.With(SignalKey.PlanFit, 20).With(SignalKey.Champion, 30);
        Assert.Single(one);
        Assert.Equal(10, one[SignalKey.PlanFit]);
        Assert.Equal(2, two.Count);
        Assert.Equal(20, two[SignalKey.PlanFit]);
        Assert.Empty(SignalValues.Empty);
    }

    [Fact]
    public void Without_RemovesOnlyThatKey()
    {
        var values = SignalValues.Of(1, 2, 3, 4, 5).Without(SignalKey.Engagement);
        Assert.Equal(4, values.Count);
        Assert.False(values.Contains(SignalKey.Engagement));
        Assert.Equal(4, values[SignalKey.Champion]);
    }

    [Fact]
    public void Indexer_NotSupplied_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => SignalValues.Of(planFit: 1)[SignalKey.Triggers]);
    }

    [Fact]
    public void From_Names_AreCaseInsensitive()
    {
        var values = SignalValues.From([new KeyValuePair<string, double>("velocity", 42)]);
        Assert.Equal(42, values[SignalKey.Velocity]);
        Assert.Equal(42, values.ToDictionary()["VELOCITY"]);
    }
}
