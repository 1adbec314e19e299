using System.Text.Json;

namespace ExpansionScoring.Serialization;

/// <summary>
/// The property names of the hand-written contract shapes (a scored account, a portfolio) under one naming policy,
/// encoded once: PascalCase (no policy) and camelCase (web) are cached; any other policy is converted per call.
/// </summary>
internal sealed class ContractNames
{
    private static readonly ContractNames Pascal = new(null);
    private static readonly ContractNames Camel = new(JsonNamingPolicy.CamelCase);

    private readonly Dictionary<string, JsonEncodedText> names;

    private ContractNames(JsonNamingPolicy? policy)
    {
        names = new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal);
        foreach (string name in ScoredAccountJson.FieldNames.Concat(PortfolioJson.FieldNames))
        {
            names[name] = JsonEncodedText.Encode(policy?.ConvertName(name) ?? name);
        }
    }

    public JsonEncodedText this[string pascalName] => names[pascalName];

    public static ContractNames For(JsonSerializerOptions? options)
        => options?.PropertyNamingPolicy switch
        {
            null => Pascal,
            var p when ReferenceEquals(p, JsonNamingPolicy.CamelCase) => Camel,
            var p => new ContractNames(p),
        };
}
