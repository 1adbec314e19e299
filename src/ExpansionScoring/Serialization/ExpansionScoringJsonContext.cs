using System.Text.Json;
using System.Text.Json.Serialization;
using ExpansionScoring.Bands;
using ExpansionScoring.Calibration;
using ExpansionScoring.History;
using ExpansionScoring.Presets;
using ExpansionScoring.Reporting;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Serialization;

/// <summary>
/// Source-generated JSON metadata for every shape the library reads or writes: accounts, options, presets and
/// explained results, portfolios (buckets, top offers, heatmap cells, report cards), book changes between snapshots,
/// historical outcomes and calibration reports and fits. Enums are written as strings, dates as <c>yyyy-MM-dd</c>, signals as <c>{"PlanFit":92,…}</c>.
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
[JsonSerializable(typeof(Portfolio))]
[JsonSerializable(typeof(PortfolioBucket))]
[JsonSerializable(typeof(TopOffer))]
[JsonSerializable(typeof(IReadOnlyList<TopOffer>))]
[JsonSerializable(typeof(HeatmapCell))]
[JsonSerializable(typeof(IReadOnlyList<HeatmapCell>))]
[JsonSerializable(typeof(ReportCard))]
[JsonSerializable(typeof(ReportCardDimension))]
[JsonSerializable(typeof(BookChanges))]
[JsonSerializable(typeof(AccountChange))]
[JsonSerializable(typeof(SignalAttribution))]
[JsonSerializable(typeof(NextBandLift))]
[JsonSerializable(typeof(GateChange))]
[JsonSerializable(typeof(BandMigration))]
[JsonSerializable(typeof(SnapshotSummary))]
[JsonSerializable(typeof(ExpansionScoring.Plays.Play))]
[JsonSerializable(typeof(ExpansionScoring.Plays.PlayTask))]
[JsonSerializable(typeof(IReadOnlyList<ExpansionScoring.Plays.PlayTask>))]
[JsonSerializable(typeof(HistoricalOutcome))]
[JsonSerializable(typeof(HistoricalOutcome[]))]
[JsonSerializable(typeof(List<HistoricalOutcome>))]
[JsonSerializable(typeof(CalibrationReport))]
[JsonSerializable(typeof(ReliabilityBin))]
[JsonSerializable(typeof(BandOutcome))]
[JsonSerializable(typeof(TransformFit))]
[JsonSerializable(typeof(WeightFit))]
internal sealed partial class ExpansionScoringJsonContext : JsonSerializerContext;
