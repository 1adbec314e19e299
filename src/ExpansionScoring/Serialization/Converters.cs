using System.Text.Json;
using System.Text.Json.Serialization;
using ExpansionScoring.Presets;
using ExpansionScoring.Signals;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Serialization;

/// <summary>
/// Reads and writes an <see cref="Account"/>. Reading reports every bad field at once through
/// <see cref="ExpansionScoringJsonException"/>; property names follow the options' naming policy and match
/// case-insensitively. Applied to <see cref="Account"/> by attribute, so any serializer options use it.
/// </summary>
internal sealed class AccountJsonConverter : JsonConverter<Account>
{
    /// <inheritdoc />
    /// <exception cref="ExpansionScoringJsonException">The JSON describes an invalid account; every bad field is listed.</exception>
    public override Account? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AccountJson.ReadChecked(ref reader, options, AccountJson.ReadAccount);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Account value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        AccountJson.WriteAccount(writer, value, options);
    }
}

/// <summary>Reads and writes <see cref="AccountTelemetry"/>, reporting every bad field at once.</summary>
internal sealed class AccountTelemetryJsonConverter : JsonConverter<AccountTelemetry>
{
    /// <inheritdoc />
    /// <exception cref="ExpansionScoringJsonException">The JSON describes invalid telemetry; every bad field is listed.</exception>
    public override AccountTelemetry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AccountJson.ReadChecked(ref reader, options, AccountJson.ReadTelemetry);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AccountTelemetry value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        AccountJson.WriteTelemetry(writer, value, options);
    }
}

/// <summary>Reads and writes a <see cref="WindowOverride"/>, reporting every bad field at once.</summary>
internal sealed class WindowOverrideJsonConverter : JsonConverter<WindowOverride>
{
    /// <inheritdoc />
    /// <exception cref="ExpansionScoringJsonException">The JSON describes an invalid override; every bad field is listed.</exception>
    public override WindowOverride? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AccountJson.ReadChecked(ref reader, options, AccountJson.ReadWindowOverride);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WindowOverride value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        AccountJson.WriteWindowOverride(writer, value, options);
    }
}

/// <summary>Reads and writes <see cref="SignalValues"/> as an object of signal name → value, such as <c>{"PlanFit":92,"Nps":40}</c>.</summary>
internal sealed class SignalValuesJsonConverter : JsonConverter<SignalValues>
{
    /// <inheritdoc />
    /// <exception cref="ExpansionScoringJsonException">A name is not a valid signal name or a value is not a number in 0..100.</exception>
    public override SignalValues? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AccountJson.ReadChecked(ref reader, options, AccountJson.ReadSignals);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SignalValues value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        AccountJson.WriteSignals(writer, value);
    }
}

/// <summary>Reads and writes a <see cref="SignalKey"/> as its name, both as a value and as a dictionary key.</summary>
internal sealed class SignalKeyJsonConverter : JsonConverter<SignalKey>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The value is not a string or not a valid signal name.</exception>
    public override SignalKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.String
            ? Parse(reader.GetString())
            : throw new JsonException($"Expected a signal name as a string, was {reader.TokenType}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SignalKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name);
    }

    /// <inheritdoc />
    /// <exception cref="JsonException">The property name is not a valid signal name.</exception>
    public override SignalKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Parse(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, SignalKey value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Name);
    }

    private static SignalKey Parse(string? name)
        => SignalKey.IsValidName(name)
            ? SignalKey.Of(name)
            : throw new JsonException($"'{name}' is not a valid signal name: use letters, digits, '_', '-' or '.', starting with a letter, at most 64 characters.");
}

/// <summary>Reads and writes a <see cref="WeightPreset"/> as <c>{"Name":"Enterprise","Weights":{"PlanFit":0.15,…}}</c>.</summary>
internal sealed class WeightPresetJsonConverter : JsonConverter<WeightPreset>
{
    /// <inheritdoc />
    /// <exception cref="ExpansionScoringJsonException">The name is missing or the weights are invalid; every problem is listed.</exception>
    public override WeightPreset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var json = document.RootElement;
        var errors = new JsonFieldErrors();
        if (!AccountJson.ExpectObject(json, errors, string.Empty))
        {
            throw errors.ToException();
        }

        string? name = null;
        Dictionary<string, double>? weights = null;
        foreach (var p in json.EnumerateObject())
        {
            var value = p.Value;
            switch (AccountJson.Match(p.Name, [nameof(WeightPreset.Name), nameof(WeightPreset.Weights)], options))
            {
                case nameof(WeightPreset.Name):
                    errors.Try(p.Name, () => name = AccountJson.ReadString(value));
                    break;
                case nameof(WeightPreset.Weights) when AccountJson.ExpectObject(value, errors, p.Name):
                    weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
                    foreach (var w in value.EnumerateObject())
                    {
                        var weight = w.Value;
                        errors.Try(JsonFieldErrors.Join(p.Name, w.Name), () => weights[w.Name] = AccountJson.ReadDouble(weight, options) ?? throw new FormatException("A weight must be a number, was null."));
                    }

                    break;
            }
        }

        string nameField = AccountJson.Name(nameof(WeightPreset.Name), options);
        string weightsField = AccountJson.Name(nameof(WeightPreset.Weights), options);
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(nameField, "The preset's Name is required.");
        }

        if (weights is null)
        {
            errors.Add(weightsField, "The preset's Weights are required.");
        }

        WeightPreset? preset = null;
        if (!errors.HasErrors)
        {
            errors.Try(weightsField, () => preset = WeightPreset.Create(name!, weights!));
        }

        return errors.HasErrors ? throw errors.ToException() : preset;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, WeightPreset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString(AccountJson.Name(nameof(WeightPreset.Name), options), value.Name);
        writer.WriteStartObject(AccountJson.Name(nameof(WeightPreset.Weights), options));
        foreach (var (key, weight) in value.Weights)
        {
            writer.WriteNumber(key.Name, weight);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>
/// Reads and writes a <see cref="ScoredAccount"/> in the one contract shared by the library, the command-line tool and
/// services: every field present (<see langword="null"/> when absent), enums as SPEC names, signals as an object by
/// name (<c>{"PlanFit":{"value":92,"weight":0.3,…}}</c>), <c>gated</c> for <see cref="ScoredAccount.IsGated"/>, and the
/// window override with whether it was <c>active</c>. Names follow the options' naming policy; reading matches them
/// case-insensitively. Applied to <see cref="ScoredAccount"/> by attribute, so any serializer options use it.
/// </summary>
internal sealed class ScoredAccountJsonConverter : JsonConverter<ScoredAccount>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">A required field is missing or has the wrong type.</exception>
    public override ScoredAccount? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ScoredAccountJson.Read(document.RootElement, options);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ScoredAccount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ScoredAccountJson.Write(writer, value, options);
    }
}
