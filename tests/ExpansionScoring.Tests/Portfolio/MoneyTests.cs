namespace ExpansionScoring.Tests.Portfolios;

public class MoneyTests
{
    [Theory]
    [InlineData(0, "$0")]
    [InlineData(950, "$950")]
    [InlineData(999.4, "$999")]
    [InlineData(999.5, "$1K")]
    [InlineData(1_500, "$1.5K")]
    [InlineData(9_960, "$10K")]
    [InlineData(30_240, "$30K")]
    [InlineData(31_104, "$31K")]
    [InlineData(999_700, "$1M")]
    [InlineData(1_228_000, "$1.2M")]
    [InlineData(1_728_000, "$1.7M")]
    [InlineData(250_000_000, "$250M")]
    [InlineData(3_400_000_000, "$3.4B")]
    [InlineData(-30_000, "-$30K")]
    public void Compact_Amount_FormatsLikeTheHeadline(double amount, string expected)
        => Assert.Equal(expected, Money.Compact(amount));

    [Fact]
    public void Compact_OtherSymbol_UsesIt() => Assert.Equal("€1.2M", Money.Compact(1_200_000, "€"));

    [Fact]
    public void Compact_NaN_Throws() => Assert.Throws<ArgumentOutOfRangeException>("amount", () => Money.Compact(double.NaN));

    [Fact]
    public void Compact_NullSymbol_Throws() => Assert.Throws<ArgumentNullException>("currencySymbol", () => Money.Compact(1, null!));
}
