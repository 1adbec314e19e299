using System.Text;

namespace ExpansionScoring.Pitch;

/// <summary>A parsed template: literal text and named placeholders, checked once against the known names.</summary>
internal sealed class PitchTemplate
{
    private readonly (string Text, bool IsPlaceholder)[] parts;

    private PitchTemplate((string Text, bool IsPlaceholder)[] parts) => this.parts = parts;

    /// <summary>Parses <paramref name="text"/>, adding one line to <paramref name="errors"/> per problem; <see langword="null"/> when any.</summary>
    public static PitchTemplate? Parse(string where, string? text, IReadOnlySet<string> known, IReadOnlyList<string> required, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add($"Pitch template {where} is empty.");
            return null;
        }

        int before = errors.Count;
        var parts = new List<(string, bool)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var literal = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                int end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    errors.Add($"Pitch template {where}: '{{' at position {i + 1} is never closed (write '{{{{' for a literal brace).");
                    break;
                }

                string name = text[(i + 1)..end].Trim();
                if (!known.Contains(name))
                {
                    errors.Add($"Pitch template {where}: unknown placeholder {{{name}}}; known placeholders: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => "{" + k + "}"))}.");
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                }

                parts.Add((name, true));
                names.Add(name);
                i = end;
            }
            else if (c == '}')
            {
                errors.Add($"Pitch template {where}: '}}' at position {i + 1} has no opening brace (write '}}}}' for a literal brace).");
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        foreach (string name in required)
        {
            if (!names.Contains(name))
            {
                errors.Add($"Pitch template {where} must contain the placeholder {{{name}}}.");
            }
        }

        return errors.Count == before ? new PitchTemplate([.. parts]) : null;
    }

    /// <summary>Fills the template in; <see langword="null"/> when a placeholder has no value and <paramref name="unknown"/> is <see langword="null"/>.</summary>
    public string? Render(IReadOnlyDictionary<string, string?> values, string? unknown)
    {
        var text = new StringBuilder();
        foreach (var (part, isPlaceholder) in parts)
        {
            if (!isPlaceholder)
            {
                text.Append(part);
            }
            else if (values.TryGetValue(part, out string? value) && value is not null)
            {
                text.Append(value);
            }
            else if (unknown is not null)
            {
                text.Append(unknown);
            }
            else
            {
                return null;
            }
        }

        return text.ToString();
    }
}
