using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Input;

/// <summary>The plain-number parser of <c>--compact</c> agrees with <c>double.Parse</c> to the bit whenever it answers.</summary>
public class PlainNumberTests
{
    [Property(MaxTest = 2_000, Arbitrary = [typeof(Arbitraries)])]
    public void TryParse_AnyText_AgreesWithDoubleParseToTheBitWhenItAnswers(string text)
    {
        if (PlainNumber.TryParse(Encoding.UTF8.GetBytes(text), out double fast))
        {
            Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double general), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(general), BitConverter.DoubleToInt64Bits(fast));
        }
    }

    [Property(MaxTest = 4_000, Arbitrary = [typeof(Arbitraries)])]
    public void TryParse_AnyText_AnswersExactlyThePlainForm(string text)
    {
        // The plain form: an optional minus, digits with at most one point between or before them (not after), at most
        // 15 significant digits (leading zeros do not count) and 22 after the point.
        var plain = System.Text.RegularExpressions.Regex.Match(text, @"^-?(?<whole>[0-9]*)(\.(?<fraction>[0-9]+))?\z");
        string digits = plain.Success ? plain.Groups["whole"].Value + plain.Groups["fraction"].Value : string.Empty;
        bool expected = plain.Success && digits.Length > 0 && digits.TrimStart('0').Length <= 15 && plain.Groups["fraction"].Length <= 22;

        Assert.Equal(expected, PlainNumber.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Property(MaxTest = 2_000, Arbitrary = [typeof(Arbitraries)])]
    public void TryParseInteger_AnyText_AgreesWithIntParseWhenItAnswers(string text)
    {
        if (PlainNumber.TryParseInteger(Encoding.UTF8.GetBytes(text), out int fast))
        {
            Assert.Equal(int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), fast);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("92.5")]
    [InlineData("-0")]
    [InlineData("0.1")]
    [InlineData("123456789012345")]
    [InlineData("0.000000000000000000001")]
    [InlineData("99999.99")]
    [InlineData(".5")]
    [InlineData("-.25")]
    [InlineData("000000000000000000000000000012.5")]
    [InlineData("999999999999999")]
    [InlineData("-99999999.9999999")]
    public void TryParse_PlainDecimals_Answered(string text)
    {
        Assert.True(PlainNumber.TryParse(Encoding.UTF8.GetBytes(text), out double value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("5.")]
    [InlineData("1e5")]
    [InlineData("1,000")]
    [InlineData(" 5")]
    [InlineData("NaN")]
    [InlineData("1234567890123456")]
    [InlineData("1.2.3")]
    [InlineData("+5")]
    [InlineData("-.")]
    [InlineData("1000000000000000")]
    [InlineData("99999999.99999999")]
    [InlineData("1.00000000000000000000001")]
    [InlineData("5-")]
    public void TryParse_AnythingElse_LeftToTheGeneralParser(string text)
    {
        Assert.False(PlainNumber.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    public static class Arbitraries
    {
        private static readonly char[] Alphabet = "0123456789012345678901234567890123456789..--e+ ,aN".ToCharArray();

        public static Arbitrary<string> Texts() => Gen.Frequency(
                (3, Gen.Choose(0, 24).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(cs => new string(cs))),
                (2, Gen.Choose(-1_000_000, 1_000_000).SelectMany(m => Gen.Choose(0, 23).Select(k => (m / Math.Pow(10, k)).ToString("R", CultureInfo.InvariantCulture)))),
                (1, Gen.Choose(0, int.MaxValue).SelectMany(a => Gen.Choose(0, 999_999).Select(b => $"{a}.{b:D6}"))))
            .ToArbitrary();
    }
}
