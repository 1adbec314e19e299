using System.Globalization;
using System.Text;

namespace ExpansionScoring.Internal;

/// <summary>Numbers in explanation texts, written the one way the texts write them.</summary>
internal static class InvariantText
{
    /// <summary>
    /// Appends <paramref name="value"/> as the format <c>0.#</c> writes it under the invariant culture (<c>64.3</c>,
    /// <c>60</c>). A value that is a whole number of tenths (as signals read from a book nearly always are) is written
    /// digit by digit, which gives the same text: below 10¹² the fifteen digits the format rounds from are the tenths
    /// exactly. Any other value goes through the format itself.
    /// </summary>
    /// <param name="text">Where to append.</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="text"/>.</returns>
    public static StringBuilder AppendOneDecimal(this StringBuilder text, double value)
    {
        if (value >= 0 && value < 1e12 && !double.IsNegative(value))
        {
            double tenths = Math.Round(value * 10);
            if (tenths / 10 == value)
            {
                long t = (long)tenths;
                text.Append(CultureInfo.InvariantCulture, $"{t / 10}");
                return t % 10 == 0 ? text : text.Append('.').Append((char)('0' + (t % 10)));
            }
        }

        return text.Append(CultureInfo.InvariantCulture, $"{value:0.#}");
    }
}
