using System.Text.Json;
using System.Text.Json.Serialization;
using ExpansionScoring.Bands;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Serialization;

/// <summary>
/// Source-generated JSON metadata for every shape the library reads or writes: accounts, options, presets and
/// explained results. Enums are written as strings, dates as <c>yyyy-MM-dd</c>, signals as <c>{"PlanFit":92,…}</c>.
/// Internal so that its generated members stay out of the public API: callers reach it through
/// <see cref="ExpansionScoringJson.Options"/>, <see cref="ExpansionScoringJson.TypeInfoResolver"/> or
/// <see cref="ExpansionScoringJson.ConfigureForExpansionScoring(JsonSerializerOptions)"/>.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(Account[]))]
[JsonSerializable(typeof(List<Account>))]
[JsonSerializable(typeof(IReadOnlyList<Account>))]
[JsonSerializable(typeof(AccountTelemetry))]
[JsonSerializable(typeof(TriggerEvent))]
[JsonSerializable(typeof(WindowOverride))]
[JsonSerializable(typeof(SignalValues))]
[JsonSerializable(typeof(SignalKey))]
[JsonSerializable(typeof(WeightPreset))]
[JsonSerializable(typeof(IReadOnlyList<WeightPreset>))]
[JsonSerializable(typeof(BandDefinition))]
[JsonSerializable(typeof(IReadOnlyList<BandDefinition>))]
[JsonSerializable(typeof(ExpansionScoringOptions))]
[JsonSerializable(typeof(ScoredAccount))]
[JsonSerializable(typeof(ScoredAccount[]))]
[JsonSerializable(typeof(List<ScoredAccount>))]
[JsonSerializable(typeof(IReadOnlyList<ScoredAccount>))]
internal sealed partial class ExpansionScoringJsonContext : JsonSerializerContext;
