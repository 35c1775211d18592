using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Errors;

/// <summary>
/// Factories mirroring k8s.io/apimachinery/pkg/api/errors (NewNotFound, NewAlreadyExists, ...).
/// Messages are copied from there because clients and humans match on them.
/// </summary>
public static class StatusErrors
{
    /// <summary>storage.OptimisticLockErrorMsg.</summary>
    public const string OptimisticLockMessage =
        "the object has been modified; please apply your changes to the latest version and try again";

    public static ApiStatusException NotFound(ResourceType resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found", Details(resource, name));

    public static ApiStatusException AlreadyExists(ResourceType resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists", Details(resource, name));

    /// <summary>NewConflict: "Operation cannot be fulfilled on {resource} "{name}": {cause}".</summary>
    public static ApiStatusException Conflict(ResourceType resource, string name, string cause) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": {cause}",
            Details(resource, name));

    public static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>NewInvalid for one field error, e.g. <c>Pod "" is invalid: metadata.name: Required value: ...</c>.</summary>
    public static ApiStatusException Invalid(ResourceType resource, string name, StatusCause cause) =>
        new(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {cause.Field}: {cause.Message}",
            new StatusDetails(name, resource.Group, resource.Kind) { Causes = [cause] });

    /// <summary>
    /// NewInvalid for a field.ErrorList: the message aggregates the errors as utilerrors.NewAggregate prints them
    /// (one alone, several as <c>[a, b]</c> with repeats dropped); each error is also a cause.
    /// </summary>
    internal static ApiStatusException Invalid(ResourceType resource, string name, IReadOnlyList<Validation.FieldError> errors)
    {
        var messages = errors.Select(e => e.ToString()).Distinct().ToList();
        var aggregate = messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";
        return new(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {aggregate}",
            new StatusDetails(name, resource.Group, resource.Kind)
            {
                Causes = [.. errors.Select(e => new StatusCause(e.CauseType, e.Body, e.Field))],
            });
    }

    /// <summary>NewResourceExpired, as a watch reports a resourceVersion older than its history.</summary>
    public static ApiStatusException Expired(string message) => new(410, "Expired", message);

    public static ApiStatusException UnsupportedMediaType(string message) =>
        new(415, "UnsupportedMediaType", message);

    public static ApiStatusException MethodNotSupported(ResourceType resource, string action) =>
        new(405, "MethodNotAllowed",
            $"{action} is not supported on resources of kind \"{resource.QualifiedResource}\"",
            new StatusDetails(Group: resource.Group, Kind: resource.Plural));

    /// <summary>What the real server answers for a path no route serves.</summary>
    public static ApiStatusException UnknownPath() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    /// <summary>
    /// NewGenericServerResponse: the real server uses it where it has no better error, for example
    /// a failing JSON patch <c>test</c> operation (422 with a generic message).
    /// </summary>
    public static ApiStatusException Generic(int code) => code switch
    {
        409 => new(409, "Conflict", "the server reported a conflict", new StatusDetails()),
        404 => new(404, "NotFound", "the server could not find the requested resource", new StatusDetails()),
        400 => new(400, "BadRequest", "the server rejected our request for an unknown reason", new StatusDetails()),
        422 => new(422, "Invalid", "the server rejected our request due to an error in our request", new StatusDetails()),
        429 => new(429, "TooManyRequests",
            "the server has received too many requests and has asked us to try again later", new StatusDetails()),
        503 => new(503, "ServiceUnavailable", "the server is currently unable to handle the request", new StatusDetails()),
        504 => new(504, "Timeout",
            "the server was unable to return a response in the time allotted, but may still be processing the request",
            new StatusDetails()),
        >= 500 => new(code, "InternalError", "an error on the server (\"\") has prevented the request from succeeding",
            new StatusDetails()),
        _ => new(code, null, $"the server responded with the status code {code} but did not return more information",
            new StatusDetails()),
    };

    private static StatusDetails Details(ResourceType resource, string name) =>
        new(name, resource.Group, resource.Plural);
}
