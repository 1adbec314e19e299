using System.Buffers.Binary;
using System.Globalization;
using ExpansionScoring.Gates;

namespace ExpansionScoring.Cli.Output;

/// <summary>Small formatting rules shared by the writers.</summary>
internal static class Formatting
{
    /// <summary>
    /// The probability as shown to people: one decimal, truncated rather than rounded, so the number shown never
    /// crosses a band threshold its band did not (74.96 shows as 74.9 in Warm, never as 75.0).
    /// </summary>
    public static string Probability(double p) => (Math.Floor((p * 10) + 1e-9) / 10).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Money(double amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A score or probability as the machine-readable outputs write it: two decimals, without float noise
    /// (<c>84.47</c>, not <c>84.46999999999998</c>). Truncated, not rounded, beyond a billionth of a point, so a
    /// probability never shows at a band threshold its band did not reach (74.996 is 74.99 in Warm, never 75).
    /// </summary>
    public static double Score(double value) => double.IsFinite(value) ? ScoreHundredths(value) / 100 : value;

    /// <summary>The whole number of hundredths a score is truncated to (<see cref="Score"/>): the one place that rule is written.</summary>
    private static double ScoreHundredths(double value)
    {
        double x = (value * 100) + 1e-7;

        // Truncating is flooring for a non-negative value, and a conversion is cheaper than a call to Math.Floor.
        return x >= 0 && x < 1e15 ? (long)x : Math.Floor(x);
    }

    /// <summary>
    /// Writes a value <see cref="Score"/> or <see cref="Cents"/> gave (a whole number of hundredths, 0 ≤ value &lt; 10¹³) as
    /// UTF-8, exactly as <see cref="double.ToString()"/> writes it under the invariant culture (the shortest text that
    /// round-trips: <c>84.47</c>, <c>17.1</c>, <c>3</c>), without its general algorithm. Returns <see langword="false"/>,
    /// writing nothing, for any other value (negative, −0, NaN, larger, or not hundredths): write it the general way.
    /// </summary>
    /// <remarks>
    /// Below 10¹³ two doubles a hundredth apart are many units in the last place apart, so the decimal with two places
    /// that gives the value is its shortest round-trip text; and the value is that decimal's double exactly when
    /// dividing the whole number of hundredths by 100 gives it back.
    /// </remarks>
    public static bool TryWriteHundredths(double value, Span<byte> utf8, out int written)
    {
        written = 0;
        if (!(value >= 0 && value < 1e13) || double.IsNegative(value))
        {
            return false;
        }

        long hundredths = (long)Math.Round(value * 100);
        return hundredths / 100.0 == value && TryWriteWholeHundredths((ulong)hundredths, utf8, out written);
    }

    /// <summary>
    /// Writes <see cref="Score"/>(<paramref name="value"/>) as UTF-8, as <see cref="TryWriteHundredths"/> writes it, from a
    /// table of every score from 0 to 100 in hundredths (built on first use): scores, probabilities, signal values and
    /// their contributions are all in that range, so the default output formats none of them. It writes 8 bytes, the
    /// text and then padding, so <paramref name="utf8"/> must hold 8; returns <see langword="false"/>, writing nothing,
    /// for any other score.
    /// </summary>
    public static bool TryWriteScore(double value, Span<byte> utf8, out int written)
    {
        double hundredths = ScoreHundredths(value);
        if (hundredths >= 0 && hundredths <= ScoreTexts.Largest && utf8.Length >= 8)
        {
            // One load from a table of 80 KB: the text in the low 7 bytes, its length in the top one.
            ulong packed = ScoreTexts.All[(int)hundredths];
            BinaryPrimitives.WriteUInt64LittleEndian(utf8, packed);
            written = (int)(packed >> 56);
            return true;
        }

        written = 0;
        return false;
    }

    /// <summary>Writes a whole number of hundredths as a decimal with its trailing zeros dropped: 8447 → 84.47, 1710 → 17.1, 300 → 3.</summary>
    private static bool TryWriteWholeHundredths(ulong hundredths, Span<byte> utf8, out int written)
    {
        written = 0;
        (ulong whole, ulong cents) = Math.DivRem(hundredths, 100UL);
        int n = 1;
        for (ulong rest = whole; rest >= 10; rest /= 10)
        {
            n++;
        }

        int length = n + (cents == 0 ? 0 : cents % 10 == 0 ? 2 : 3);
        if (utf8.Length < length)
        {
            return false;
        }

        // The whole part from its last digit back, two digits at a time.
        int at = n;
        while (whole >= 100)
        {
            (whole, ulong pair) = Math.DivRem(whole, 100UL);
            at -= 2;
            TwoDigits(utf8, at, (int)pair);
        }

        if (whole >= 10)
        {
            TwoDigits(utf8, at - 2, (int)whole);
        }
        else
        {
            utf8[at - 1] = (byte)('0' + (int)whole);
        }

        if (cents != 0)
        {
            utf8[n] = (byte)'.';
            if (cents % 10 == 0)
            {
                utf8[n + 1] = (byte)('0' + (int)(cents / 10));
            }
            else
            {
                TwoDigits(utf8, n + 1, (int)cents);
            }
        }

        written = length;
        return true;
    }

    /// <summary>Writes 0–99 as two digits at <paramref name="at"/>.</summary>
    private static void TwoDigits(Span<byte> utf8, int at, int value)
    {
        int tens = (value * 205) >> 11; // value / 10 for 0–99
        utf8[at] = (byte)('0' + tens);
        utf8[at + 1] = (byte)('0' + (value - (tens * 10)));
    }

    /// <summary>Money as the machine-readable outputs write it: rounded to cents (<c>17.1</c>, not <c>17.099999999999998</c>).</summary>
    public static double Cents(double amount) => double.IsFinite(amount) ? Math.Round(amount, 2, MidpointRounding.AwayFromZero) : amount;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool IsOverrideActive(this ScoredAccount account, DateOnly asOf) => account.WindowOverride is { } o && o.IsActiveOn(asOf);

    /// <summary>The blocking gates in words ("health score 45 is below 60; …"), or <see langword="null"/> when none blocks.</summary>
    public static string? GateReason(IEnumerable<GateCheck> gates)
        => gates.Where(g => g.Status == GateStatus.Blocked).Select(g => g.Detail).ToList() is { Count: > 0 } blocked ? string.Join("; ", blocked) : null;

    /// <summary>The offer as a table shows it: its label, or for a gated account the gate that blocks it.</summary>
    public static string Offer(ScoredAccount account) => GateReason(account.Gates) is { } gate ? "Gated: " + gate : account.OfferLabel;

    /// <summary>Gate names joined with ';' in gate order ("Health;Tenure"), for each combination of the three gates (index by the flags).</summary>
    public static readonly string[] GateNames = [.. Enumerable.Range(0, 8).Select(f => string.Join(";", Enum.GetValues<GateFlags>().Where(g => g != GateFlags.None && ((GateFlags)f).HasFlag(g))))];

    public static string Flags(IEnumerable<GateCheck> gates, GateStatus status)
        => string.Join(";", gates.Where(g => g.Status == status).Select(g => g.Gate.ToString()));

    /// <summary>The texts of the scores 0.00–100.00, each written once by <see cref="TryWriteWholeHundredths"/>, packed in a <see cref="ulong"/>: the text's bytes from the lowest, its length in the top byte.</summary>
    private static class ScoreTexts
    {
        public const int Largest = 10_000;

        public static readonly ulong[] All = Build();

        private static ulong[] Build()
        {
            var all = new ulong[Largest + 1];
            Span<byte> text = stackalloc byte[8];
            for (int h = 0; h <= Largest; h++)
            {
                text.Clear();
                TryWriteWholeHundredths((ulong)h, text, out int n); // at most "99.99": 5 bytes
                text[7] = (byte)n;
                all[h] = BinaryPrimitives.ReadUInt64LittleEndian(text);
            }

            return all;
        }
    }
}
