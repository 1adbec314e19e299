using System.Globalization;
using System.Text;
using ExpansionScoring.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Tests.Internal;

/// <summary><see cref="InvariantText.AppendOneDecimal"/> writes what the format <c>0.#</c> writes, for every double.</summary>
public sealed class InvariantTextTests
{
    [Property(MaxTest = 3000, Arbitrary = [typeof(Arbitraries)])]
    public void AppendOneDecimal_AnyValue_IsTheFormatsText(double value)
        => Assert.Equal(value.ToString("0.#", CultureInfo.InvariantCulture), new StringBuilder().AppendOneDecimal(value).ToString());

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbitraries)])]
    public void AppendOneDecimal_Nullable_IsTheInterpolatedHolesText(double value)
    {
        double? some = value, none = null;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{some:0.#}"), new StringBuilder().AppendOneDecimal(some).ToString());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{none:0.#}"), new StringBuilder().AppendOneDecimal(none).ToString());
    }

    [Property(MaxTest = 500)]
    public void AppendInvariant_AnyWholeNumber_IsTheInterpolatedHolesText(int value, bool missing)
    {
        int? maybe = missing ? null : value;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{value}"), new StringBuilder().AppendInvariant(value).ToString());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{maybe}"), new StringBuilder().AppendInvariant(maybe).ToString());
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(64.3, "64.3")]
    [InlineData(60, "60")]
    [InlineData(0.05, "0.1")]
    [InlineData(37.45, "37.5")]
    [InlineData(99.96, "100")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e12, "1000000000000")]
    [InlineData(123456789012.3, "123456789012.3")]
    [InlineData(0.15, "0.2")]
    [InlineData(0.25, "0.3")]
    [InlineData(63.2749999, "63.3")]
    [InlineData(9999999.96, "10000000")]
    [InlineData(double.NaN, "NaN")]
    public void AppendOneDecimal_Examples(double value, string expected)
    {
        Assert.Equal(expected, value.ToString("0.#", CultureInfo.InvariantCulture));
        Assert.Equal(expected, new StringBuilder().AppendOneDecimal(value).ToString());
    }

    public static class Arbitraries
    {
        /// <summary>Tenths as a book holds signals, hundredths, large values and any double.</summary>
        public static Arbitrary<double> Doubles() => Gen.OneOf(
            Gen.Choose(0, 1000).Select(k => k / 10.0),
            Gen.Choose(0, 10_000).Select(k => k / 100.0),
            Gen.Choose(0, int.MaxValue).Select(k => (double)k * k / 10.0),
            Gen.Choose(-1000, 1000).Select(k => k / 10.0),
            Gen.Choose(0, 100_000).Select(k => (k * 10 + 5) / 100.0),          // midpoints: x.x5
            Gen.Choose(0, 1_000_000).Select(k => (k * 10 + 5) / 100.0 + ((k % 3) - 1) * 1e-9), // near them
            Gen.Choose(0, int.MaxValue).Select(k => 5 + (k / (double)int.MaxValue * 90)),       // probabilities
            ArbMap.Default.GeneratorFor<double>()).ToArbitrary();
    }
}
