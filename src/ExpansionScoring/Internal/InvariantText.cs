using System.Globalization;
using System.Text;

namespace ExpansionScoring.Internal;

/// <summary>Numbers in explanation texts, written the one way the texts write them.</summary>
internal static class InvariantText
{
    /// <summary>
    /// Appends <paramref name="value"/> as the format <c>0.#</c> writes it under the invariant culture (<c>64.3</c>,
    /// <c>60</c>), digit by digit for a non-negative value below 10⁷ that is not within a millionth of a tenth of a
    /// rounding midpoint, and through the format itself otherwise.
    /// </summary>
    /// <remarks>
    /// The format rounds the value's fifteen significant digits half away from zero. Below 10⁷ those digits are within
    /// 10⁻⁸ of the value, so away from a midpoint (x.x5) they round as the value itself does; the few values that close
    /// to one take the format's own path.
    /// </remarks>
    /// <param name="text">Where to append.</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="text"/>.</returns>
    public static StringBuilder AppendOneDecimal(this StringBuilder text, double value)
    {
        if (value >= 0 && value < 1e7 && !double.IsNegative(value))
        {
            double scaled = value * 10;
            double whole = Math.Floor(scaled);
            double fraction = scaled - whole;
            if (Math.Abs(fraction - 0.5) > 1e-6)
            {
                long tenths = (long)whole + (fraction > 0.5 ? 1 : 0);
                text.Append(tenths / 10);
                return tenths % 10 == 0 ? text : text.Append('.').Append((char)('0' + (tenths % 10)));
            }
        }

        return text.Append(CultureInfo.InvariantCulture, $"{value:0.#}");
    }

    /// <summary>Appends <paramref name="value"/> as the format <c>0.#</c> writes it, or nothing for <see langword="null"/>, as an interpolated hole does.</summary>
    /// <param name="text">Where to append.</param>
    /// <param name="value">The value, if any.</param>
    /// <returns><paramref name="text"/>.</returns>
    public static StringBuilder AppendOneDecimal(this StringBuilder text, double? value) => value is { } v ? text.AppendOneDecimal(v) : text;

    /// <summary>Appends a whole number as it is written under the invariant culture (<c>{value}</c> in an invariant interpolation), without a text of its own.</summary>
    /// <param name="text">Where to append.</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="text"/>.</returns>
    public static StringBuilder AppendInvariant(this StringBuilder text, int value)
    {
        Span<char> digits = stackalloc char[16];
        value.TryFormat(digits, out int n, default, CultureInfo.InvariantCulture); // an int takes at most 11 characters
        return text.Append(digits[..n]);
    }

    /// <summary>Appends a whole number, or nothing for <see langword="null"/>, as an invariant interpolated hole does.</summary>
    /// <param name="text">Where to append.</param>
    /// <param name="value">The value, if any.</param>
    /// <returns><paramref name="text"/>.</returns>
    public static StringBuilder AppendInvariant(this StringBuilder text, int? value) => value is { } v ? text.AppendInvariant(v) : text;
}
