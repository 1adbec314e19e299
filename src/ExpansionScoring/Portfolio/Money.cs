using System.Globalization;
using ExpansionScoring.Internal;

namespace ExpansionScoring;

/// <summary>Formats money the way the portfolio headline reads it: <c>$950</c>, <c>$1.5K</c>, <c>$30K</c>, <c>$1.2M</c>.</summary>
public static class Money
{
    private static readonly (double Size, string Suffix)[] Units = [(1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T")];

    /// <summary>
    /// Formats an amount compactly, in the invariant culture. Below 1,000 the amount is shown in whole units
    /// (<c>$950</c>); from 1,000 it is shown in thousands (<c>K</c>), millions (<c>M</c>), billions (<c>B</c>) or
    /// trillions (<c>T</c>), with one decimal when the scaled number is below 10 (thousands) or below 100 (millions
    /// and up) and none otherwise, trailing <c>.0</c> dropped, midpoints rounded away from zero:
    /// 30,240 → <c>$30K</c>, 1,500 → <c>$1.5K</c>, 1,228,000 → <c>$1.2M</c>, 999,700 → <c>$1M</c>.
    /// Negative amounts get a leading minus: <c>-$30K</c>.
    /// </summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currencySymbol">The symbol written before the number. The default is <c>$</c>.</param>
    /// <returns>The formatted amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is NaN or infinite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="currencySymbol"/> is <see langword="null"/>.</exception>
    public static string Compact(double amount, string currencySymbol = "$")
    {
        Guard.Finite(amount);
        Guard.NotNull(currencySymbol);
        string sign = amount < 0 ? "-" : string.Empty;
        double a = Math.Abs(amount);
        double whole = Math.Round(a, MidpointRounding.AwayFromZero);
        if (whole < 1000)
        {
            return sign + currencySymbol + whole.ToString("0", CultureInfo.InvariantCulture);
        }

        for (int u = 0; u < Units.Length; u++)
        {
            double scaled = a / Units[u].Size;
            int decimals = scaled < (u == 0 ? 10 : 100) ? 1 : 0;
            double rounded = Math.Round(scaled, decimals, MidpointRounding.AwayFromZero);
            if (rounded < 1000 || u == Units.Length - 1)
            {
                return sign + currencySymbol + rounded.ToString("0.#", CultureInfo.InvariantCulture) + Units[u].Suffix;
            }
        }

        throw new InvalidOperationException("Unreachable.");
    }
}
