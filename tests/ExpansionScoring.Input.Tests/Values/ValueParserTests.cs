using System.Globalization;
using ExpansionScoring.Input.Values;
using ExpansionScoring.Signals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Input.Tests.Values;

public class ValueParserTests
{
    private static readonly ValueParser Invariant = ValueParser.Invariant;
    private static readonly ValueParser German = new(CultureInfo.GetCultureInfo("de-DE"));
    private static readonly ValueParser American = new(CultureInfo.GetCultureInfo("en-US"));

    [Theory]
    [InlineData("$12,000.00", 12000)]
    [InlineData("USD 12000", 12000)]
    [InlineData("12000 USD", 12000)]
    [InlineData("€1,234.5", 1234.5)]
    [InlineData("  180000  ", 180000)]
    [InlineData("1e3", 1000)]
    [InlineData("-$5", -5)]
    [InlineData("(1,200.00)", -1200)]
    public void TryNumber_MoneyAsExportedUnderInvariant_ReadsTheAmount(string text, double expected)
    {
        Assert.True(Invariant.TryNumber(text, NumberKind.Money, out double value, out string error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.000,00 €", 12000)]
    [InlineData("EUR 1.500,5", 1500.5)]
    [InlineData("48,5", 48.5)]
    [InlineData("1.234.567", 1234567)]
    public void TryNumber_MoneyUnderGerman_ReadsTheDecimalComma(string text, double expected)
    {
        Assert.True(German.TryNumber(text, NumberKind.Money, out double value, out string error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("48,5", "',' separates thousands in groups of three here; if it is the decimal mark, set a culture")]
    [InlineData("12.000,00 €", "it looks like ',' is the decimal mark")]
    [InlineData("1,23,456", "',' separates thousands")]
    public void TryNumber_DecimalCommaWithoutCulture_RejectedWithTheHint(string text, string hint)
    {
        Assert.False(Invariant.TryNumber(text, NumberKind.Money, out _, out string error));
        Assert.StartsWith($"'{text}' is not a number", error, StringComparison.Ordinal);
        Assert.Contains(hint, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNumber_DotAsThousandsWithoutThreeDigitsUnderGerman_RejectedWithTheHint()
    {
        Assert.False(German.TryNumber("48.5", NumberKind.Plain, out _, out string error));
        Assert.Contains("under de-DE the decimal mark is ','", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("87%", NumberKind.Score, 87)]
    [InlineData("87", NumberKind.Score, 87)]
    [InlineData("61%", NumberKind.Ratio, 0.61)]
    [InlineData("0.61", NumberKind.Ratio, 0.61)]
    [InlineData("15.6%", NumberKind.Percent, 15.6)]
    [InlineData("-4.5 %", NumberKind.Percent, -4.5)]
    public void TryNumber_Percentages_ReadByFieldKind(string text, NumberKind kind, double expected)
    {
        Assert.True(Invariant.TryNumber(text, kind, out double value, out string error), error);
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("87%", NumberKind.Plain)]
    [InlineData("87%", NumberKind.Money)]
    [InlineData("$5", NumberKind.Score)]
    [InlineData("abc", NumberKind.Plain)]
    [InlineData("", NumberKind.Plain)]
    [InlineData("1,2,3", NumberKind.Plain)]
    [InlineData("1.2.3", NumberKind.Plain)]
    public void TryNumber_NotANumberOfThatKind_Rejected(string text, NumberKind kind)
    {
        Assert.False(Invariant.TryNumber(text, kind, out _, out string error));
        Assert.StartsWith($"'{text}' is not a", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e309")]
    public void TryNumber_NotFinite_Rejected(string text)
    {
        Assert.False(Invariant.TryNumber(text, NumberKind.Plain, out _, out _));
    }

    [Theory]
    [InlineData("150.0", 150)]
    [InlineData("150", 150)]
    [InlineData("1,500", 1500)]
    [InlineData("-3", -3)]
    public void TryWhole_WholeNumbersAsExported_Read(string text, int expected)
    {
        Assert.True(Invariant.TryWhole(text, out int value, out string error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("3000000000")]
    [InlineData("x")]
    public void TryWhole_NotWhole_Rejected(string text)
    {
        Assert.False(Invariant.TryWhole(text, out _, out string error));
        Assert.StartsWith($"'{text}' is not a whole number", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2027-03-27")]
    [InlineData("2027-03-27T00:00:00Z")]
    [InlineData("2027-03-27T23:30:00-08:00")]
    [InlineData("2027-03-27T00:00:00.000Z")]
    [InlineData("2027-03-27 09:30")]
    public void TryDate_IsoDatesAndDateTimes_TheCalendarDateAsWritten(string text)
    {
        Assert.True(Invariant.TryDate(text, out var date, out string error), error);
        Assert.Equal(new DateOnly(2027, 3, 27), date);
    }

    [Theory]
    [InlineData("en-US", "3/27/2027")]
    [InlineData("en-US", "03/27/2027")]
    [InlineData("de-DE", "27.03.2027")]
    [InlineData("de-DE", "27.3.2027")]
    [InlineData("en-GB", "27/03/2027")]
    public void TryDate_CultureShortDate_Read(string culture, string text)
    {
        var parser = new ValueParser(CultureInfo.GetCultureInfo(culture));
        Assert.True(parser.TryDate(text, out var date, out string error), error);
        Assert.Equal(new DateOnly(2027, 3, 27), date);
    }

    [Fact]
    public void TryDate_GivenFormat_Read()
    {
        var parser = new ValueParser(CultureInfo.InvariantCulture, ["dd.MM.yyyy", "yyyyMMdd"]);
        Assert.True(parser.TryDate("27.03.2027", out var a, out _));
        Assert.True(parser.TryDate("20270327", out var b, out _));
        Assert.Equal(new DateOnly(2027, 3, 27), a);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("03/04/2027")]
    [InlineData("3/27/2027")]
    [InlineData("27.03.2027")]
    public void TryDate_DayOrMonthFirstWithoutCultureOrFormat_NeverGuessed(string text)
    {
        Assert.False(Invariant.TryDate(text, out _, out string error));
        Assert.Contains("day-first or month-first cannot be told", error, StringComparison.Ordinal);
        Assert.Contains("--culture", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDate_UsDateUnderGerman_Rejected()
    {
        Assert.False(German.TryDate("3/27/2027", out _, out string error));
        Assert.Equal("'3/27/2027' is not a date (expected yyyy-MM-dd, dd.MM.yyyy (de-DE))", error);
    }

    [Fact]
    public void TryDate_ImpossibleIsoDate_Rejected()
    {
        Assert.False(American.TryDate("2027-02-30", out _, out string error));
        Assert.StartsWith("'2027-02-30' is not a date", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("Yes", true)]
    [InlineData("y", true)]
    [InlineData("1", true)]
    [InlineData("FALSE", false)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    public void TryBoolean_AcceptedSpellings(string text, bool expected)
    {
        Assert.True(ValueParser.TryBoolean(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("feature_limit_hit", TriggerEventKind.UsageLimitHit)]
    [InlineData("api_tier_exceeded", TriggerEventKind.UsageLimitHit)]
    [InlineData("seat_threshold_90pct", TriggerEventKind.SeatThresholdCrossed)]
    [InlineData("premium_feature_attempted", TriggerEventKind.PremiumFeatureAttempted)]
    [InlineData("team_invite_sent", TriggerEventKind.TeamInviteBurst)]
    [InlineData("Funding Round", TriggerEventKind.FundingRound)]
    public void TriggerEventNames_PipelineAliasesOfSpec2_Accepted(string name, TriggerEventKind expected)
    {
        Assert.True(TriggerEventNames.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
    }

    public static readonly string[] Cultures = ["", "en-US", "en-GB", "de-DE", "fr-FR", "de-CH", "es-ES", "it-IT", "nl-NL", "pt-BR", "ja-JP"];

    /// <summary>An amount formatted by the culture itself (number and currency forms) reads back as the amount.</summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(Arbitraries)])]
    public bool TryNumber_MoneyFormattedByTheCulture_RoundTrips(Amount amount)
    {
        var culture = CultureInfo.GetCultureInfo(amount.Culture);
        var parser = new ValueParser(culture);
        decimal value = amount.Cents / 100m;
        string number = value.ToString("N2", culture);
        string currency = value.ToString("C2", culture);
        return parser.TryNumber(number, NumberKind.Money, out double a, out _) && a == (double)value
            && parser.TryNumber(currency, NumberKind.Money, out double b, out _) && b == (double)value;
    }

    /// <summary>A ratio formatted as a percentage by the culture reads back as the ratio; a score as the score.</summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(Arbitraries)])]
    public bool TryNumber_PercentFormattedByTheCulture_RoundTrips(Amount amount)
    {
        var culture = CultureInfo.GetCultureInfo(amount.Culture);
        var parser = new ValueParser(culture);
        decimal ratio = Math.Abs(amount.Cents % 100_000) / 10_000m; // 0..9.9999, four decimals
        string percent = ratio.ToString("P2", culture);
        return parser.TryNumber(percent, NumberKind.Ratio, out double r, out _) && Math.Abs(r - (double)Math.Round(ratio, 4)) < 1e-12
            && parser.TryNumber(percent, NumberKind.Score, out double s, out _) && Math.Abs(s - (double)Math.Round(ratio * 100, 2)) < 1e-9;
    }

    /// <summary>A number written with the culture's decimal mark and no grouping reads back; the same text under a culture with the other mark never reads as a different number silently.</summary>
    [Property(MaxTest = 300, Arbitrary = [typeof(Arbitraries)])]
    public bool TryNumber_DecimalMarkOfTheCulture_RoundTripsAndIsNeverMisread(Amount amount)
    {
        var culture = CultureInfo.GetCultureInfo(amount.Culture);
        decimal value = amount.Cents / 100m;
        string text = value.ToString("0.00", culture);
        bool roundTrips = new ValueParser(culture).TryNumber(text, NumberKind.Plain, out double x, out _) && x == (double)value;
        var other = culture.NumberFormat.NumberDecimalSeparator == "," ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("de-DE");
        bool otherOk = !new ValueParser(other).TryNumber(text, NumberKind.Plain, out double y, out _) || y == (double)value;
        return roundTrips && otherOk;
    }

    public sealed record Amount(string Culture, long Cents);

    public static class Arbitraries
    {
        public static Arbitrary<Amount> Amounts() =>
            (from culture in Gen.Elements(Cultures)
             from cents in Gen.OneOf(Gen.Choose(0, 100_000).Select(i => (long)i), Gen.Choose(0, int.MaxValue).Select(i => (long)i * 1000))
             select new Amount(culture, cents)).ToArbitrary();
    }
}
