using System.Globalization;
using System.Text;

namespace ExpansionScoring.Input.Values;

/// <summary>What a numeric field holds, which decides the decorations its text may carry.</summary>
public enum NumberKind
{
    /// <summary>A plain number: no currency, no percent sign.</summary>
    Plain,

    /// <summary>An amount of money: a currency symbol or a three-letter code before or after it, thousands separators.</summary>
    Money,

    /// <summary>A 0–100 score: <c>87%</c> is 87.</summary>
    Score,

    /// <summary>A ratio such as seat saturation: <c>61%</c> is 0.61, <c>0.61</c> is 0.61.</summary>
    Ratio,

    /// <summary>A percentage such as the usage trend: <c>15.6%</c> is 15.6, as is <c>15.6</c>.</summary>
    Percent,
}

/// <summary>
/// Reads the values of an export as it was written: numbers with the culture's decimal mark and thousands separators
/// (strictly in groups of three, so <c>48,5</c> is never read as 485), money with a currency symbol or code, percentages
/// by field kind, whole numbers written as <c>150.0</c>, and dates as ISO dates, ISO date-times (the calendar date as
/// written), the culture's short date or the given formats. Day-first and month-first are never guessed: with neither a
/// culture nor a format, <c>03/04/2027</c> is rejected with the hint to give one. Every method returns
/// <see langword="false"/> with a one-line reason instead of throwing.
/// </summary>
public sealed class ValueParser
{
    private readonly string decimalMark;
    private readonly string[] groupMarks;
    private readonly string[] dateFormats;
    private readonly string? shortDate;
    private readonly bool hasCulture;

    /// <param name="culture">The culture the export was written in; <see cref="CultureInfo.InvariantCulture"/> for ISO dates and '.' decimals.</param>
    /// <param name="dateFormats">Extra date formats tried after the ISO forms, such as <c>dd.MM.yyyy</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="culture"/> is <see langword="null"/>.</exception>
    public ValueParser(CultureInfo culture, IReadOnlyList<string>? dateFormats = null)
    {
        ArgumentNullException.ThrowIfNull(culture);
        Culture = culture;
        hasCulture = !culture.Equals(CultureInfo.InvariantCulture);
        var number = culture.NumberFormat;
        decimalMark = number.NumberDecimalSeparator;
        string group = number.NumberGroupSeparator;

        // A culture that groups with a (narrow) no-break space is written with any kind of space by other tools.
        groupMarks = group.Trim().Length == 0 || group is "\u00A0" or "\u202F"
            ? [group, " ", "\u00A0", "\u202F"]
            : group == "’" ? [group, "'"] : [group];
        this.dateFormats = [.. dateFormats ?? []];
        if (hasCulture)
        {
            // d and M read one or two digits, so 3/7/2027 and 03/07/2027 both match the culture's pattern.
            shortDate = culture.DateTimeFormat.ShortDatePattern.Replace("dd", "d", StringComparison.Ordinal).Replace("MM", "M", StringComparison.Ordinal);
        }
    }

    /// <summary>Gets the parser of the invariant culture with no extra date formats: ISO dates, '.' decimals.</summary>
    public static ValueParser Invariant { get; } = new(CultureInfo.InvariantCulture);

    /// <summary>Gets the culture values are read with.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Reads a number of the given kind (the range is the caller's to check).</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="kind">What the field holds.</param>
    /// <param name="value">The value, finite.</param>
    /// <param name="error">Why the text is not a number of that kind.</param>
    /// <returns><see langword="true"/> when the text is a number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public bool TryNumber(string text, NumberKind kind, out double value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = 0;
        error = string.Empty;
        string t = Trim(text).Replace('\u2212', '-'); // The minus sign some cultures write.
        if (IsNonFinite(t))
        {
            error = $"'{text}' is not a finite number: NaN and infinity are not allowed";
            return false;
        }

        bool negative = false;
        if (t.Length >= 2 && t[0] == '(' && t[^1] == ')')
        {
            // Accounting notation: (1,200.00) is -1,200.00; the caller's range check names it.
            negative = true;
            t = Trim(t[1..^1]);
        }

        bool percent = false;
        if (t.EndsWith('%') || t.StartsWith('%'))
        {
            if (kind is NumberKind.Plain or NumberKind.Money)
            {
                error = $"'{text}' is not a number (a percent sign is not expected here)";
                return false;
            }

            percent = true;
            t = Trim(t.EndsWith('%') ? t[..^1] : t[1..]);
        }

        if (kind == NumberKind.Money)
        {
            t = StripCurrency(t, out bool sign);
            negative ^= sign;
        }

        if (!TryDecimal(t, out double x))
        {
            error = $"'{text}' is not a number{Hint(t)}";
            return false;
        }

        if (percent && kind == NumberKind.Ratio)
        {
            x /= 100;
        }

        value = negative ? -x : x;
        return true;
    }

    /// <summary>Reads a whole number; <c>150.0</c> is 150, <c>2.5</c> is not whole.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The value.</param>
    /// <param name="error">Why the text is not a whole number.</param>
    /// <returns><see langword="true"/> when the text is a whole number within the range of <see cref="int"/>.</returns>
    public bool TryWhole(string text, out int value, out string error)
    {
        value = 0;
        if (!TryNumber(text, NumberKind.Plain, out double x, out error))
        {
            error = error.Replace("is not a number", "is not a whole number", StringComparison.Ordinal);
            return false;
        }

        if (x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue)
        {
            error = $"'{text}' is not a whole number";
            return false;
        }

        value = (int)x;
        return true;
    }

    /// <summary>Reads a calendar date.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="date">The date as written (a date-time's zone does not move it).</param>
    /// <param name="error">Why the text is not a date, with the hint to give a culture or format when that is the reason.</param>
    /// <returns><see langword="true"/> when the text is a date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public bool TryDate(string text, out DateOnly date, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = string.Empty;
        string t = Trim(text);
        if (TryIsoDate(t, out date))
        {
            return true;
        }

        foreach (string format in dateFormats)
        {
            if (DateOnly.TryParseExact(t, format, Culture, DateTimeStyles.None, out date)
                || (DateTime.TryParseExact(t, format, Culture, DateTimeStyles.None, out var dateTime) && SetDate(dateTime, out date)))
            {
                return true;
            }
        }

        if (shortDate is not null && DateOnly.TryParseExact(t, shortDate, Culture, DateTimeStyles.None, out date))
        {
            return true;
        }

        string expected = string.Join(", ", ["yyyy-MM-dd", .. dateFormats, .. shortDate is null ? Array.Empty<string>() : [$"{Culture.DateTimeFormat.ShortDatePattern} ({Culture.Name})"]]);
        error = shortDate is null && dateFormats.Length == 0 && LooksLikeNumericDate(t)
            ? $"'{text}' is not an ISO date (yyyy-MM-dd), and whether it is day-first or month-first cannot be told: set the culture (for example --culture en-US or --culture de-DE) or a date format (--date-format dd/MM/yyyy)"
            : $"'{text}' is not a date (expected {expected})";
        return false;

        static bool SetDate(DateTime dateTime, out DateOnly d)
        {
            d = DateOnly.FromDateTime(dateTime);
            return true;
        }
    }

    /// <summary>Reads yes or no: <c>true/false/yes/no/y/n/1/0</c>, any case.</summary>
    /// <param name="text">The field's text.</param>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the text is one of the accepted spellings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static bool TryBoolean(string text, out bool value)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (Trim(text).ToUpperInvariant())
        {
            case "TRUE" or "YES" or "Y" or "1":
                value = true;
                return true;
            case "FALSE" or "NO" or "N" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>ISO <c>yyyy-MM-dd</c>, or an ISO date-time (<c>2027-03-27T00:00:00Z</c>, <c>2027-03-27 09:30:00+02:00</c>) whose calendar date is taken as written.</summary>
    internal static bool TryIsoDate(string t, out DateOnly date)
    {
        if (t.Length == 10)
        {
            return DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        date = default;
        return t.Length > 10 && t[10] is 'T' or ' '
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Trims white space, including the no-break spaces spreadsheets write.</summary>
    internal static string Trim(string text) => text.Trim().Trim('\u00A0', '\u202F', '\uFEFF');

    private static bool IsNonFinite(string t)
    {
        string s = t.TrimStart('+', '-');
        return s.Equals("NaN", StringComparison.OrdinalIgnoreCase) || s.Equals("Infinity", StringComparison.OrdinalIgnoreCase)
            || s.Equals("Inf", StringComparison.OrdinalIgnoreCase) || s == "∞";
    }

    /// <summary>Day and month first, in either order, then the year: <c>03/04/2027</c>, <c>3.4.27</c>.</summary>
    private static bool LooksLikeNumericDate(string t)
    {
        int parts = 0, digits = 0;
        foreach (char c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is '/' or '.' or '-' && digits is > 0 and <= 2)
            {
                parts++;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        return parts == 2 && digits > 0;
    }

    /// <summary>Removes one currency symbol (any Unicode currency sign, or the culture's) or three-letter code, before or after the amount; a minus sign may stand before the symbol.</summary>
    private string StripCurrency(string t, out bool negative)
    {
        negative = false;
        if (t.StartsWith('-'))
        {
            negative = true;
            t = Trim(t[1..]);
        }

        string symbol = Culture.NumberFormat.CurrencySymbol;
        if (symbol.Length > 1 && symbol != "¤")
        {
            if (t.StartsWith(symbol, StringComparison.Ordinal))
            {
                return Trim(t[symbol.Length..]);
            }

            if (t.EndsWith(symbol, StringComparison.Ordinal))
            {
                return Trim(t[..^symbol.Length]);
            }
        }

        if (t.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(t[0]) == UnicodeCategory.CurrencySymbol)
        {
            return Trim(t[1..]);
        }

        if (t.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(t[^1]) == UnicodeCategory.CurrencySymbol)
        {
            return Trim(t[..^1]);
        }

        if (t.Length > 4 && IsCode(t.AsSpan(0, 3)) && !char.IsAsciiLetter(t[3]))
        {
            return Trim(t[3..]);
        }

        if (t.Length > 4 && IsCode(t.AsSpan(t.Length - 3)) && !char.IsAsciiLetter(t[^4]))
        {
            return Trim(t[..^3]);
        }

        return t;

        static bool IsCode(ReadOnlySpan<char> s) => s.Length == 3 && char.IsAsciiLetterUpper(s[0]) && char.IsAsciiLetterUpper(s[1]) && char.IsAsciiLetterUpper(s[2]);
    }

    /// <summary>
    /// <c>[+-]digits[,ddd]*[.digits][e[+-]digits]</c> with the culture's marks: the first group of one to three digits,
    /// then groups of exactly three (or no separators at all); an exponent only without separators.
    /// </summary>
    private bool TryDecimal(string t, out double value)
    {
        value = 0;
        var invariant = new StringBuilder(t.Length);
        int i = 0;
        if (i < t.Length && t[i] is '+' or '-')
        {
            invariant.Append(t[i]);
            i++;
        }

        int intDigits = 0, groupDigits = 0;
        bool grouped = false;
        while (i < t.Length)
        {
            char c = t[i];
            if (char.IsAsciiDigit(c))
            {
                invariant.Append(c);
                intDigits++;
                groupDigits++;
                i++;
                continue;
            }

            string? mark = MatchGroup(t, i);
            if (mark is null || StartsWith(t, i, decimalMark))
            {
                break;
            }

            // A separator must follow one to three digits (the first group) or exactly three (later groups).
            if (groupDigits == 0 || groupDigits > 3 || (grouped && groupDigits != 3))
            {
                return false;
            }

            grouped = true;
            groupDigits = 0;
            i += mark.Length;
        }

        if (grouped && groupDigits != 3)
        {
            return false;
        }

        int fractionDigits = 0;
        if (i < t.Length && StartsWith(t, i, decimalMark))
        {
            invariant.Append('.');
            i += decimalMark.Length;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                invariant.Append(t[i]);
                fractionDigits++;
                i++;
            }
        }

        if (intDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < t.Length && t[i] is 'e' or 'E' && !grouped)
        {
            invariant.Append('e');
            i++;
            if (i < t.Length && t[i] is '+' or '-')
            {
                invariant.Append(t[i]);
                i++;
            }

            int exponentDigits = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                invariant.Append(t[i]);
                exponentDigits++;
                i++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == t.Length
            && double.TryParse(invariant.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private string? MatchGroup(string t, int i)
    {
        foreach (string mark in groupMarks)
        {
            if (mark.Length > 0 && StartsWith(t, i, mark))
            {
                return mark;
            }
        }

        return null;
    }

    private static bool StartsWith(string t, int i, string mark) => string.CompareOrdinal(t, i, mark, 0, mark.Length) == 0;

    /// <summary>Says what would make the text a number when a culture's marks are the likely cause.</summary>
    private string Hint(string t)
    {
        if (t.Length == 0)
        {
            return string.Empty;
        }

        bool hasComma = t.Contains(',', StringComparison.Ordinal), hasDot = t.Contains('.', StringComparison.Ordinal);
        if (decimalMark == "." && hasComma)
        {
            return hasDot && t.LastIndexOf(',') > t.LastIndexOf('.')
                ? " (it looks like ',' is the decimal mark: set a culture that writes it so, for example --culture de-DE)"
                : hasDot || !LooksGroupedByThree(t, ',')
                    ? " (',' separates thousands in groups of three here; if it is the decimal mark, set a culture that writes it so, for example --culture de-DE)"
                    : string.Empty;
        }

        if (decimalMark == "," && hasDot && !LooksGroupedByThree(t, '.'))
        {
            return $" (under {Culture.Name} the decimal mark is ',' and '.' separates thousands)";
        }

        return string.Empty;

        static bool LooksGroupedByThree(string s, char mark)
        {
            string[] parts = s.Split(mark);
            return parts.Skip(1).All(p => p.Length >= 3);
        }
    }
}
