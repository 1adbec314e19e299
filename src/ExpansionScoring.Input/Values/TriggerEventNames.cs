using ExpansionScoring.Signals;

namespace ExpansionScoring.Input.Values;

/// <summary>
/// Trigger event names: the library's own (<c>funding_round</c>, any case, '_', '-', '.' or spaces ignored) and the
/// names a product's event pipeline emits, which SPEC §2 accepts as aliases (<c>feature_limit_hit</c> and
/// <c>api_tier_exceeded</c> are a usage-limit hit, <c>seat_threshold_90pct</c> a seat threshold crossed,
/// <c>team_invite_sent</c> a team invite burst).
/// </summary>
internal static class TriggerEventNames
{
    private static readonly Dictionary<string, TriggerEventKind> ByKey = Build();

    /// <summary>Gets the names accepted, for messages: the library's names in snake_case, then the aliases.</summary>
    public static string Allowed { get; } = string.Join(", ", Enum.GetNames<TriggerEventKind>().Select(InputSchema.ToSnake))
        + "; aliases: feature_limit_hit, api_tier_exceeded, seat_threshold_90pct, team_invite_sent";

    /// <summary>Finds the kind a name stands for.</summary>
    public static bool TryParse(string name, out TriggerEventKind kind) => ByKey.TryGetValue(InputSchema.Normalize(name), out kind);

    private static Dictionary<string, TriggerEventKind> Build()
    {
        var byKey = Enum.GetValues<TriggerEventKind>().ToDictionary(k => InputSchema.Normalize(k.ToString()), StringComparer.Ordinal);
        byKey[InputSchema.Normalize("feature_limit_hit")] = TriggerEventKind.UsageLimitHit;
        byKey[InputSchema.Normalize("api_tier_exceeded")] = TriggerEventKind.UsageLimitHit;
        byKey[InputSchema.Normalize("seat_threshold_90pct")] = TriggerEventKind.SeatThresholdCrossed;
        byKey[InputSchema.Normalize("team_invite_sent")] = TriggerEventKind.TeamInviteBurst;
        return byKey;
    }
}
