namespace ExpansionScoring.Tests.Scoring;

public class ScoringConfigurationExceptionTests
{
    [Fact]
    public void Ctor_OneError_SingleLineMessage()
    {
        var ex = new ScoringConfigurationException(["Gates:MinHealthScore must be in 0..100, was 101."]);
        Assert.Equal("Invalid scoring configuration: Gates:MinHealthScore must be in 0..100, was 101.", ex.Message);
        Assert.Equal(["Gates:MinHealthScore must be in 0..100, was 101."], ex.Errors);
    }

    [Fact]
    public void Ctor_SeveralErrors_OneLineEach()
    {
        var ex = new ScoringConfigurationException(["first", "second"]);
        Assert.Equal($"Invalid scoring configuration (2 problems):{Environment.NewLine}- first{Environment.NewLine}- second", ex.Message);
    }

    [Fact]
    public void Ctor_NullErrors_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ScoringConfigurationException((IEnumerable<string>)null!));
    }

    [Fact]
    public void Ctor_MessageAndInner_KeepsBoth()
    {
        var inner = new InvalidOperationException("x");
        var ex = new ScoringConfigurationException("bad", inner);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal(["bad"], ex.Errors);
    }
}
