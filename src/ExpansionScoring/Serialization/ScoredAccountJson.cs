using ExpansionScoring.Offers;
using System.Globalization;
using System.Text.Json;
using ExpansionScoring.Gates;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Serialization;

/// <summary>
/// The one JSON shape of a <see cref="ScoredAccount"/>, written by the serializer (through
/// <see cref="ScoredAccountJsonConverter"/>), the command-line tool (<c>score --format json|jsonl</c>) and the
/// ASP.NET sample alike: every field present (<see langword="null"/> when absent), enums as SPEC names, signals as an
/// object by name, the window override with whether it was active. Names follow the options' naming policy.
/// </summary>
internal static class ScoredAccountJson
{
    /// <summary>The contract's property names, PascalCase; <see cref="ContractNames"/> applies the naming policy.</summary>
    public enum Field
    {
        AccountId,
        Name,
        Segment,
        Plan,
        Arr,
        Preset,
        Composite,
        RawScore,
        Probability,
        Band,
        Offer,
        OfferRule,
        OfferLabel,
        Rationale,
        Opportunity,
        SeatsToAdd,
        Window,
        WindowOverride,
        EffectiveWindow,
        WindowReason,
        Confidence,
        MissingSignalPolicy,
        Gated,
        Gates,
        LoudestSignal,
        MissingSignals,
        Signals,
        Reason,
        Author,
        Expires,
        Active,
        Gate,
        Status,
        Detail,
        Value,
        Source,
        Weight,
        EffectiveWeight,
        Contribution,
        MissingReason,
    }

    public static void Write(Utf8JsonWriter w, ScoredAccount a, JsonSerializerOptions? options)
    {
        var n = ContractNames.For(options);
        w.WriteStartObject();
        w.WriteString(n[Field.AccountId], a.AccountId);
        w.WriteString(n[Field.Name], a.Name);
        w.WriteString(n[Field.Segment], a.Segment.ToString());
        StringOrNull(w, n[Field.Plan], a.Plan);
        w.WriteNumber(n[Field.Arr], a.Arr);
        w.WriteString(n[Field.Preset], a.Preset);
        w.WriteNumber(n[Field.Composite], a.Composite);
        w.WriteNumber(n[Field.RawScore], a.RawScore);
        w.WriteNumber(n[Field.Probability], a.Probability);
        w.WriteString(n[Field.Band], a.Band);
        w.WriteString(n[Field.Offer], a.Offer.ToString());
        StringOrNull(w, n[Field.OfferRule], a.OfferRule);
        w.WriteString(n[Field.OfferLabel], a.OfferLabel);
        w.WriteString(n[Field.Rationale], a.Rationale);
        w.WriteNumber(n[Field.Opportunity], a.Opportunity);
        if (a.SeatsToAdd is { } seats)
        {
            w.WriteNumber(n[Field.SeatsToAdd], seats);
        }
        else
        {
            w.WriteNull(n[Field.SeatsToAdd]);
        }

        w.WriteString(n[Field.Window], a.Window.ToString());
        if (a.WindowOverride is { } o)
        {
            w.WriteStartObject(n[Field.WindowOverride]);
            w.WriteString(n[Field.Window], o.Window.ToString());
            w.WriteString(n[Field.Reason], o.Reason);
            StringOrNull(w, n[Field.Author], o.Author);
            StringOrNull(w, n[Field.Expires], o.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteBoolean(n[Field.Active], a.IsWindowOverridden);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(n[Field.WindowOverride]);
        }

        w.WriteString(n[Field.EffectiveWindow], a.EffectiveWindow.ToString());
        w.WriteString(n[Field.WindowReason], a.WindowReason);
        w.WriteString(n[Field.Confidence], a.Confidence.ToString());
        w.WriteString(n[Field.MissingSignalPolicy], a.MissingSignalPolicy.ToString());
        w.WriteBoolean(n[Field.Gated], a.IsGated);
        w.WriteStartArray(n[Field.Gates]);
        foreach (var g in a.Gates)
        {
            w.WriteStartObject();
            w.WriteString(n[Field.Gate], g.Gate.ToString());
            w.WriteString(n[Field.Status], g.Status.ToString());
            w.WriteString(n[Field.Detail], g.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        StringOrNull(w, n[Field.LoudestSignal], a.LoudestSignal);
        w.WriteStartArray(n[Field.MissingSignals]);
        foreach (string s in a.MissingSignals)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartObject(n[Field.Signals]);
        foreach (var s in a.Signals)
        {
            w.WriteStartObject(s.Signal);
            if (s.Value is { } value)
            {
                w.WriteNumber(n[Field.Value], value);
            }
            else
            {
                w.WriteNull(n[Field.Value]);
            }

            w.WriteString(n[Field.Source], s.Source.ToString());
            w.WriteNumber(n[Field.Weight], s.Weight);
            w.WriteNumber(n[Field.EffectiveWeight], s.EffectiveWeight);
            w.WriteNumber(n[Field.Contribution], s.Contribution);
            StringOrNull(w, n[Field.MissingReason], s.MissingReason);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Reads the shape <see cref="Write"/> writes; names match case-insensitively.</summary>
    /// <exception cref="JsonException">A required field is missing or a value has the wrong type.</exception>
    public static ScoredAccount Read(JsonElement json, JsonSerializerOptions? options)
    {
        var o = new Fields(json, options);
        var windowOverride = o.Object("WindowOverride");
        return new ScoredAccount
        {
            AccountId = o.String("AccountId"),
            Name = o.String("Name"),
            Segment = o.Enum<Segment>("Segment"),
            Plan = o.StringOrNull("Plan"),
            Arr = o.Number("Arr"),
            Preset = o.String("Preset"),
            Composite = o.Number("Composite"),
            RawScore = o.Number("RawScore"),
            Probability = o.Number("Probability"),
            Band = o.String("Band"),
            Offer = o.Enum<OfferKind>("Offer"),
            OfferRule = o.StringOrNull("OfferRule"),
            OfferLabel = o.String("OfferLabel"),
            Rationale = o.String("Rationale"),
            Opportunity = o.Number("Opportunity"),
            SeatsToAdd = o.Get("SeatsToAdd") is { ValueKind: JsonValueKind.Number } seats ? seats.GetInt32() : null,
            Window = o.Enum<PitchWindow>("Window"),
            WindowOverride = windowOverride is { } wo
                ? new WindowOverride
                {
                    Window = wo.Enum<PitchWindow>("Window"),
                    Reason = wo.String("Reason"),
                    Author = wo.StringOrNull("Author"),
                    ExpiresOn = wo.StringOrNull("Expires") is { } e ? DateOnly.ParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                }
                : null,
            IsWindowOverridden = windowOverride?.Get("Active") is { ValueKind: JsonValueKind.True },
            EffectiveWindow = o.Enum<PitchWindow>("EffectiveWindow"),
            WindowReason = o.String("WindowReason"),
            Confidence = o.Enum<Confidence>("Confidence"),
            MissingSignalPolicy = o.Enum<MissingSignalPolicy>("MissingSignalPolicy"),
            IsGated = o.Get("Gated") is { ValueKind: JsonValueKind.True },
            Gates = [.. o.Array("Gates").Select(g => new Fields(g, options)).Select(g => new GateCheck { Gate = g.Enum<GateFlags>("Gate"), Status = g.Enum<GateStatus>("Status"), Detail = g.String("Detail") })],
            LoudestSignal = o.StringOrNull("LoudestSignal"),
            MissingSignals = [.. o.Array("MissingSignals").Select(s => s.GetString() ?? throw new JsonException("A missing signal is null."))],
            Signals = [.. (o.Get("Signals") is { ValueKind: JsonValueKind.Object } signals ? signals.EnumerateObject() : default).Select(p => Signal(p, options))],
        };
    }

    private static SignalContribution Signal(JsonProperty p, JsonSerializerOptions? options)
    {
        var s = new Fields(p.Value, options);
        return new SignalContribution
        {
            Signal = p.Name,
            Value = s.Get("Value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null,
            Source = s.Enum<Signals.SignalSource>("Source"),
            Weight = s.Number("Weight"),
            EffectiveWeight = s.Number("EffectiveWeight"),
            Contribution = s.Number("Contribution"),
            MissingReason = s.StringOrNull("MissingReason"),
        };
    }

    private static void StringOrNull(Utf8JsonWriter w, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>The properties of one JSON object, found by their PascalCase name case-insensitively or by the policy's name.</summary>
    private readonly struct Fields(JsonElement json, JsonSerializerOptions? options)
    {
        public JsonElement? Get(string pascal)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"Expected an object, was {json.ValueKind}.");
            }

            string policy = AccountJson.Name(pascal, options);
            foreach (var p in json.EnumerateObject())
            {
                if (p.Name.Equals(pascal, StringComparison.OrdinalIgnoreCase) || p.Name.Equals(policy, StringComparison.Ordinal))
                {
                    return p.Value;
                }
            }

            return null;
        }

        public string String(string name) => StringOrNull(name) ?? throw new JsonException($"'{name}' is required.");

        public string? StringOrNull(string name) => Get(name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

        public double Number(string name) => Get(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : throw new JsonException($"'{name}' must be a number.");

        public T Enum<T>(string name)
            where T : struct, Enum
            => System.Enum.TryParse<T>(String(name), ignoreCase: true, out var value) ? value : throw new JsonException($"'{name}' is not a {typeof(T).Name}.");

        public Fields? Object(string name) => Get(name) is { ValueKind: JsonValueKind.Object } o ? new Fields(o, options) : null;

        public IEnumerable<JsonElement> Array(string name) => Get(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
    }
}
