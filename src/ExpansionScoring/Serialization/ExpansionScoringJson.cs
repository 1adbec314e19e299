using ExpansionScoring.Windows;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Serialization;

/// <summary>The library's JSON contract: ready-made serializer options, and a way to add the contract to your own.</summary>
public static partial class ExpansionScoringJson
{
    private static readonly IJsonTypeInfoResolver Resolver = ExpansionScoringJsonContext.Default.WithAddedModifier(KeepOptionsDictionaries);

    /// <summary>
    /// Gets the source-generated metadata for every shape the library reads or writes (accounts, options, presets,
    /// explained results), for callers who compose their own <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>.
    /// Needs no reflection, so it works trimmed and with native AOT.
    /// </summary>
    public static IJsonTypeInfoResolver TypeInfoResolver => Resolver;

    /// <summary>
    /// Gets read-only options for the library's shapes: PascalCase names (read case-insensitively), enums as strings,
    /// nulls left out, comments and trailing commas allowed. Copy them (<c>new JsonSerializerOptions(ExpansionScoringJson.Options)</c>)
    /// to change anything, such as <see cref="JsonSerializerOptions.WriteIndented"/>.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// Adds the library's JSON contract to options you own (ASP.NET Core's, say): the source-generated metadata first in
    /// the resolver chain, and string converters for the library's enums. Your naming policy and other settings are kept.
    /// Calling it twice is harmless.
    /// </summary>
    /// <param name="options">The options to extend; must not be read-only yet.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="options"/> is read-only (already used for serialization).</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection is added only where the caller's options would have used it anyway.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reflection is added only where the caller's options would have used it anyway.")]
    public static JsonSerializerOptions ConfigureForExpansionScoring(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsReadOnly)
        {
            throw new InvalidOperationException("The JsonSerializerOptions are read-only; configure them before their first use.");
        }

        if (options.TypeInfoResolverChain.Contains(Resolver))
        {
            return options;
        }

        // Options that have no resolver yet would fall back to reflection on first use; keep that for the caller's own types.
        if (options.TypeInfoResolverChain.Count == 0 && JsonSerializer.IsReflectionEnabledByDefault)
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        options.TypeInfoResolverChain.Insert(0, Resolver);
        AddEnumConverters(options.Converters);
        return options;
    }

    /// <summary>
    /// Reads one account or an array of accounts, collecting every problem instead of stopping at the first, for
    /// APIs that must tell a client each bad field. Paths are relative to <paramref name="json"/>: <c>Arr</c> for a
    /// single account, <c>[2].Signals.PlanFit</c> inside an array.
    /// </summary>
    /// <param name="json">A JSON object (one account) or array (several).</param>
    /// <param name="accounts">The accounts when every one is valid.</param>
    /// <param name="errors">Every bad field by path, with why; empty when valid.</param>
    /// <param name="options">Options whose naming policy and number handling apply; <see langword="null"/> for <see cref="Options"/>.</param>
    /// <returns><see langword="true"/> when every account is valid.</returns>
    public static bool TryReadAccounts(JsonElement json, [NotNullWhen(true)] out IReadOnlyList<Account>? accounts, out IReadOnlyDictionary<string, string[]> errors, JsonSerializerOptions? options = null)
    {
        options ??= Options;
        var collected = new JsonFieldErrors();
        var list = new List<Account>();
        if (json.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var item in json.EnumerateArray())
            {
                if (AccountJson.ReadAccount(item, options, collected, JsonFieldErrors.Index(string.Empty, index++)) is { } account)
                {
                    list.Add(account);
                }
            }
        }
        else if (AccountJson.ReadAccount(json, options, collected, string.Empty) is { } account)
        {
            list.Add(account);
        }

        errors = collected.ToDictionary();
        accounts = collected.HasErrors ? null : list;
        return accounts is not null;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            TypeInfoResolver = Resolver,
        };
        AddEnumConverters(options.Converters);
        options.MakeReadOnly();
        return options;
    }

    private static void AddEnumConverters(IList<JsonConverter> converters)
    {
        converters.Add(new JsonStringEnumConverter<Segment>());
        converters.Add(new JsonStringEnumConverter<OfferKind>());
        converters.Add(new JsonStringEnumConverter<PitchWindow>());
        converters.Add(new JsonStringEnumConverter<Confidence>());
        converters.Add(new JsonStringEnumConverter<MissingSignalPolicy>());
        converters.Add(new JsonStringEnumConverter<GateFlags>());
        converters.Add(new JsonStringEnumConverter<GateStatus>());
        converters.Add(new JsonStringEnumConverter<SignalSource>());
        converters.Add(new JsonStringEnumConverter<ChampionLevel>());
        converters.Add(new JsonStringEnumConverter<TriggerEventKind>());
        converters.Add(new JsonStringEnumConverter<ProbabilityTransformKind>());
        converters.Add(new JsonStringEnumConverter<ComparisonOperator>());
    }

    /// <summary>Reads the options' dictionaries into the instances the options already hold, keeping their case-insensitive comparers.</summary>
    private static void KeepOptionsDictionaries(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(ExpansionScoringOptions))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (string.Equals(property.Name, nameof(ExpansionScoringOptions.Presets), StringComparison.OrdinalIgnoreCase))
            {
                property.ObjectCreationHandling = JsonObjectCreationHandling.Populate;
            }
        }
    }
}
