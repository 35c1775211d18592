using System.Globalization;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Errors;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

/// <summary>What the real server fills in on create: name from generateName, uid, creationTimestamp, generation.</summary>
internal static class CreateDefaults
{
    /// <summary>utilrand's alphabet: no vowels (no accidental words) and no look-alike characters.</summary>
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int GenerateNameAttempts = 8;

    /// <summary>Rejects input the real server rejects before touching storage.</summary>
    public static void Validate(ResourceType resource, JsonObject candidate)
    {
        if (!string.IsNullOrEmpty(Meta.ResourceVersion(candidate)))
        {
            // The real server answers 500 without a reason here (etcd3 store.Create).
            throw new ApiStatusException(500, null, "resourceVersion should not be set on objects to be created");
        }
        if (string.IsNullOrEmpty(Meta.Name(candidate)) && string.IsNullOrEmpty(Meta.GenerateName(candidate)))
        {
            throw StatusErrors.Invalid(resource, "", new StatusCause(
                "FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        }
    }

    /// <summary>Sets metadata.name, generating one when only generateName is given.</summary>
    public static string AssignName(ResourceType resource, JsonObject candidate, Func<string, bool> isTaken)
    {
        var name = Meta.Name(candidate);
        if (!string.IsNullOrEmpty(name))
        {
            return name;
        }
        var prefix = Meta.GenerateName(candidate)!;
        for (var attempt = 0; attempt < GenerateNameAttempts; attempt++)
        {
            var generated = prefix + RandomSuffix();
            if (!isTaken(generated))
            {
                Meta.Of(candidate)["name"] = generated;
                return generated;
            }
        }
        throw new ApiStatusException(409, "AlreadyExists",
            $"{resource.QualifiedResource} \"{prefix}\" already exists, the server was not able to generate a unique name for the object",
            new StatusDetails(prefix, resource.Group, resource.Plural));
    }

    /// <summary>Fields the server owns; whatever the client sent for them is overwritten.</summary>
    public static void Apply(ResourceType resource, JsonObject candidate, DateTimeOffset now)
    {
        Meta.SetTypeMeta(candidate, resource.ApiVersion, resource.Kind);
        var meta = Meta.Of(candidate);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Rfc3339(now);
        meta["generation"] = 1;
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
    }

    /// <summary>Kubernetes timestamps: UTC, whole seconds, <c>Z</c> suffix.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            }
        });
}
