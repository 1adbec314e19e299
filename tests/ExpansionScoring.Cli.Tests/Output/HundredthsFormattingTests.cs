using System.Globalization;
using System.Text;
using ExpansionScoring.Cli.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>
/// <see cref="Formatting.TryWriteHundredths"/> writes exactly what <see cref="double.ToString()"/> writes under the
/// invariant culture (as the CSV writer formats a number), for every score and amount, or declines.
/// </summary>
public sealed class HundredthsFormattingTests
{
    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbitraries)])]
    public void TryWriteHundredths_ScoresAndCents_WriteTheShortestRoundTripText(double x)
    {
        foreach (double value in new[] { Formatting.Score(x), Formatting.Cents(x), x })
        {
            var utf8 = new byte[32];
            if (Formatting.TryWriteHundredths(value, utf8, out int n))
            {
                Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8, 0, n));
            }
            else
            {
                // It declines only what is not a small non-negative number of hundredths.
                Assert.False(value is >= 0 and < 1e12 && !double.IsNegative(value) && Math.Round(value * 100) / 100 == value, $"declined {value:R}");
            }
        }
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(Arbitraries)])]
    public void TryWriteScore_IsTheScoresTextFrom0To100(double x)
    {
        double score = Formatting.Score(x);
        if (TryGetScoreText(x, out byte[] utf8))
        {
            Assert.Equal(score.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8));
        }
        else
        {
            Assert.False(score is >= 0 and <= 100, $"declined {x:R} (score {score:R})");
        }
    }

    [Fact]
    public void TryWriteScore_EveryHundredthFrom0To100_IsTheScoresText()
    {
        for (int h = 0; h <= 10_000; h++)
        {
            double value = h / 100.0;
            Assert.True(TryGetScoreText(value, out byte[] utf8));
            Assert.Equal(Formatting.Score(value).ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(utf8));
        }

        Assert.False(TryGetScoreText(100.01, out _));
        Assert.False(TryGetScoreText(-0.01, out _));
        Assert.False(TryGetScoreText(double.NaN, out _));
    }

    [Fact]
    public void TryWriteScore_RoomUnder8Bytes_WritesNothing()
    {
        var utf8 = new byte[7];
        Assert.False(Formatting.TryWriteScore(50, utf8, out int n));
        Assert.Equal(0, n);
        Assert.All(utf8, b => Assert.Equal(0, b));
    }

    /// <summary>The text <see cref="Formatting.TryWriteScore"/> writes, with 8 bytes of room as it needs.</summary>
    private static bool TryGetScoreText(double value, out byte[] utf8)
    {
        var room = new byte[8];
        bool written = Formatting.TryWriteScore(value, room, out int n);
        utf8 = room[..n];
        return written;
    }

    [Theory]
    [InlineData(74.996, "74.99")]          // truncated, not rounded
    [InlineData(84.47, "84.47")]
    [InlineData(84.46999999999998, "84.47")] // float noise within a billionth of a point
    [InlineData(17.1, "17.1")]
    [InlineData(100.0, "100")]
    [InlineData(-0.0, "0")]
    [InlineData(-1e-10, "0")]
    [InlineData(-0.5, null)]
    [InlineData(100.01, null)]             // beyond the table: the general way
    [InlineData(1e13, null)]
    [InlineData(double.NaN, null)]
    public void TryWriteScore_Examples(double value, string? expected)
    {
        bool found = TryGetScoreText(value, out byte[] utf8);
        Assert.Equal(expected is not null, found);
        if (expected is not null)
        {
            Assert.Equal(expected, Encoding.UTF8.GetString(utf8));
            Assert.Equal(Formatting.Score(value).ToString(CultureInfo.InvariantCulture), expected);
        }
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.01, "0.01")]
    [InlineData(0.1, "0.1")]
    [InlineData(17.1, "17.1")]
    [InlineData(84.47, "84.47")]
    [InlineData(100.0, "100")]
    [InlineData(1234567.89, "1234567.89")]
    [InlineData(9999999999999.99, "9999999999999.99")]
    [InlineData(1e13, null)]              // 10^13 and beyond: the general way
    [InlineData(-0.0, null)]              // "-0": the general way
    [InlineData(-1.5, null)]
    [InlineData(0.005, null)]             // not hundredths
    [InlineData(double.NaN, null)]
    [InlineData(double.PositiveInfinity, null)]
    public void TryWriteHundredths_Examples(double value, string? expected)
    {
        var utf8 = new byte[32];
        bool written = Formatting.TryWriteHundredths(value, utf8, out int n);
        Assert.Equal(expected is not null, written);
        if (expected is not null)
        {
            Assert.Equal(expected, Encoding.UTF8.GetString(utf8, 0, n));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), expected);
        }
    }

    [Theory]
    [InlineData(123.45, 5)]
    [InlineData(123.4, 4)]
    [InlineData(123, 2)]
    [InlineData(9, 0)]
    public void TryWriteHundredths_TooSmallABuffer_DeclinesAndWritesNothing(double value, int size)
    {
        var utf8 = new byte[size + 2];
        Assert.False(Formatting.TryWriteHundredths(value, utf8.AsSpan(0, size), out int n));
        Assert.Equal(0, n);
        Assert.All(utf8, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(123.45, "123.45")]
    [InlineData(123.4, "123.4")]
    [InlineData(123, "123")]
    public void TryWriteHundredths_ExactlyLargeEnough_WritesNothingPastIt(double value, string expected)
    {
        var utf8 = new byte[expected.Length + 2];
        Assert.True(Formatting.TryWriteHundredths(value, utf8.AsSpan(0, expected.Length), out int n));
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8, 0, n));
        Assert.Equal(0, utf8[expected.Length]);
    }

    public static class Arbitraries
    {
        /// <summary>Scores 0..100, money up to 10¹⁴ (past the fast path), hundredths exactly, and any double.</summary>
        public static Arbitrary<double> Doubles() => Gen.OneOf(
            Gen.Choose(0, 10_000).Select(k => k / 100.0),
            Gen.Choose(0, int.MaxValue).Select(k => k * 0.37),
            Gen.Choose(0, int.MaxValue).Select(k => (double)k * k / 1e5),
            Gen.Choose(0, 1_000_000).Select(k => k / 1000.0),
            ArbMap.Default.GeneratorFor<double>()).ToArbitrary();
    }
}
