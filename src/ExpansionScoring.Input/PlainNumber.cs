namespace ExpansionScoring.Input;

/// <summary>
/// Parses the plain numbers a CSV export is made of (<c>-?digits(.digits)?</c>, at most 15 significant digits) from
/// UTF-8 without the general parser. The result is the general parser's to the bit: the digits form an integer below
/// 2^53 and the divisor a power of ten up to 10^22, both exact in a double, so their IEEE quotient is the correctly
/// rounded value of the decimal, which is what <c>double.Parse</c> returns. Anything else returns
/// <see langword="false"/> for the general parser to take.
/// </summary>
internal static class PlainNumber
{
    /// <summary>The largest integer of 15 digits.</summary>
    private const ulong MaxMantissa = 999_999_999_999_999;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses <paramref name="text"/> (no surrounding blanks) when it is a plain decimal.</summary>
    /// <param name="text">The UTF-8 text.</param>
    /// <param name="value">The value, equal to <c>double.Parse</c>'s.</param>
    /// <returns><see langword="false"/> when the text is not in the plain form; the general parser decides then.</returns>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        // The digits, leading zeros and all, make one integer; it stays below 10^15 (15 significant digits), so it cannot overflow.
        ulong mantissa = 0;
        int whole = i;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            mantissa = (mantissa * 10) + d;
            if (mantissa > MaxMantissa)
            {
                return false;
            }
        }

        int digits = i - whole;
        int fraction = 0;
        if (i < text.Length)
        {
            if (text[i] != '.')
            {
                return false;
            }

            int first = ++i;
            for (; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + d;
                if (mantissa > MaxMantissa)
                {
                    return false;
                }
            }

            fraction = i - first;
            if (fraction is 0 or > 22)
            {
                return false; // "5." and "-." are left to the general parser, as is a fraction past 10^-22.
            }
        }

        if (digits + fraction == 0)
        {
            return false; // "" and "-".
        }

        double v = fraction > 0 ? mantissa / PowersOfTen[fraction] : mantissa;
        value = negative ? -v : v;
        return true;
    }

    /// <summary>Parses a plain whole number (<c>-?digits</c>, at most nine digits).</summary>
    /// <param name="text">The UTF-8 text, no surrounding blanks.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="false"/> when the text is not in that form.</returns>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        int i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        if (text.Length - i is < 1 or > 9)
        {
            return false;
        }

        int n = 0;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9)
            {
                return false;
            }

            n = (n * 10) + (int)d;
        }

        value = text[0] == '-' ? -n : n;
        return true;
    }
}
