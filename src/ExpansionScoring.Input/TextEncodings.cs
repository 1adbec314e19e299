using System.Text;

namespace ExpansionScoring.Input;

/// <summary>Finds an encoding by name: the ones .NET always has (UTF-8, UTF-16, Latin-1, ASCII) and the legacy code pages (windows-1252, iso-8859-15, shift_jis, …), looked up without registering anything process-wide.</summary>
internal static class TextEncodings
{
    /// <summary>Finds an encoding; <c>utf8</c> and <c>utf-8-bom</c> are read as UTF-8, <c>cp1252</c> as windows-1252.</summary>
    /// <exception cref="InputException">No encoding has that name.</exception>
    public static Encoding Resolve(string name)
    {
        string n = name.Trim();
        string key = n.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal);
        if (key is "utf8" or "utf-8" or "utf-8-bom" or "utf8bom")
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        if (key.StartsWith("cp", StringComparison.Ordinal) && int.TryParse(key.AsSpan(2), out int page))
        {
            n = "windows-" + page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(n) ?? Encoding.GetEncoding(n);
        }
        catch (ArgumentException ex)
        {
            throw new InputException($"unknown encoding '{name}' (for example utf-8, utf-16, windows-1252, iso-8859-1, iso-8859-15)", ex);
        }
    }
}
