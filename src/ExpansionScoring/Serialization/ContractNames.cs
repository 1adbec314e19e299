using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <summary>
/// The property names of the hand-written contract shapes (a scored account, a portfolio summary) under one naming
/// policy, encoded once and looked up by index: PascalCase (no policy) and camelCase (web) are cached; any other
/// policy is converted per call.
/// </summary>
internal sealed class ContractNames
{
    private static readonly ContractNames Pascal = new(null);
    private static readonly ContractNames Camel = new(JsonNamingPolicy.CamelCase);

    private readonly JsonEncodedText[] account;
    private readonly JsonEncodedText[] portfolio;

    private ContractNames(JsonNamingPolicy? policy)
    {
        account = Encode<ScoredAccountJson.Field>(policy);
        portfolio = Encode<PortfolioJson.Field>(policy);
    }

    public JsonEncodedText this[ScoredAccountJson.Field field] => account[(int)field];

    public JsonEncodedText this[PortfolioJson.Field field] => portfolio[(int)field];

    public static ContractNames For(JsonSerializerOptions? options)
        => options?.PropertyNamingPolicy switch
        {
            null => Pascal,
            var p when ReferenceEquals(p, JsonNamingPolicy.CamelCase) => Camel,
            var p => new ContractNames(p),
        };

    private static JsonEncodedText[] Encode<TField>(JsonNamingPolicy? policy)
        where TField : struct, Enum
        => [.. Enum.GetNames<TField>().Select(name => JsonEncodedText.Encode(policy?.ConvertName(name) ?? name))];
}
