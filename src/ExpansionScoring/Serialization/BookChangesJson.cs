using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExpansionScoring.History;
using ExpansionScoring.Internal;
using ExpansionScoring.Plays;

namespace ExpansionScoring.Serialization;

/// <summary>
/// The JSON contract of the weekly loop (<c>expansion-score compare --format json</c>): <see cref="BookChanges"/> and
/// <see cref="PlayTask"/> lists in camelCase, enums as strings (SPEC's spelling: <c>Hot</c>, <c>Next30Days</c>,
/// <c>Blocked</c>), dates as <c>yyyy-MM-dd</c>, nulls left out, indented. Built on <see cref="ExpansionScoringJson"/>'s
/// source-generated metadata, so it needs no reflection.
/// </summary>
public static class BookChangesJson
{
    /// <summary>Gets the read-only options: camelCase names (read case-insensitively), enums as strings, indented.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The source-generated contract of <see cref="BookChanges"/> under <see cref="Options"/>: no reflection, so Native AOT and trimming keep it.</summary>
    private static JsonTypeInfo<BookChanges> Info => (JsonTypeInfo<BookChanges>)Options.GetTypeInfo(typeof(BookChanges));

    /// <summary>Writes changes as JSON.</summary>
    /// <param name="changes">The changes.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="changes"/> is <see langword="null"/>.</exception>
    public static string Serialize(BookChanges changes)
    {
        Guard.NotNull(changes);
        return JsonSerializer.Serialize(changes, Info);
    }

    /// <summary>Writes changes as JSON to a stream, as UTF-8.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="changes">The changes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="changes"/> is <see langword="null"/>.</exception>
    public static void Serialize(Stream stream, BookChanges changes)
    {
        Guard.NotNull(stream);
        Guard.NotNull(changes);
        JsonSerializer.Serialize(stream, changes, Info);
    }

    /// <summary>Reads changes written by <see cref="Serialize(BookChanges)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not changes JSON.</exception>
    public static BookChanges Deserialize(string json)
    {
        Guard.NotNull(json);
        return JsonSerializer.Deserialize(json, Info) ?? throw new JsonException("Expected a JSON object, found null.");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            WriteIndented = true,

            // Names and summaries are written as they read ("62 → 71"), not as \u escapes; the output is a JSON file, not HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        };
        options.TypeInfoResolverChain.Add(ExpansionScoringJson.TypeInfoResolver);
        foreach (var converter in ExpansionScoringJson.Options.Converters)
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }
}
