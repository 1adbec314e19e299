using System.Globalization;

namespace ExpansionScoring.Samples.AspNetCore;

/// <summary>Reads the query values the endpoints take, with an error naming the parameter and the expected format.</summary>
internal static class QueryValues
{
    /// <summary>The most top offers a portfolio lists.</summary>
    public const int MaxTop = 1000;

    /// <summary>Reads <c>asOf</c> as <c>yyyy-MM-dd</c>; absent means <paramref name="today"/>.</summary>
    public static bool TryAsOf(string? value, DateOnly today, out DateOnly asOf, out ClientError? error)
    {
        error = null;
        asOf = today;
        if (value is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            return true;
        }

        error = ClientError.Of(StatusCodes.Status400BadRequest, "A query value is invalid.", "asOf", $"Expected a date as yyyy-MM-dd, such as 2026-11-23; was '{Shorten(value)}'.");
        return false;
    }

    /// <summary>Reads <c>top</c>, the number of top offers, 0..<see cref="MaxTop"/>; absent means 10.</summary>
    public static bool TryTop(string? value, out int top, out ClientError? error)
    {
        error = null;
        top = 10;
        if (value is null)
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out top) && top <= MaxTop)
        {
            return true;
        }

        error = ClientError.Of(StatusCodes.Status400BadRequest, "A query value is invalid.", "top", $"Expected a whole number 0..{MaxTop}; was '{Shorten(value)}'.");
        return false;
    }

    /// <summary>Cuts a client's value to 64 characters for an error message.</summary>
    public static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
