using System.Text.Json;
using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Eviction;
using Interceptor.Simulator.Store;

namespace Interceptor.Simulator.Http.Handlers;

/// <summary>
/// POST pods/{name}/eviction in eviction.go's order: body checks (version, namespace, name, dry-run),
/// validating webhooks, then the pod, its PodDisruptionBudget and the deletion. Success is 201 Status.
/// </summary>
internal sealed class EvictionHandler(FakeObjectStore store, ValidatingAdmission admission, TimeProvider clock)
{
    private static readonly GroupVersionKind StorageKind = new("policy", "v1", "Eviction");

    public async Task HandleAsync(HttpContext context, ResourceRoute route)
    {
        var ns = route.Namespace!;
        var name = route.Name!;
        var body = await RequestBody.ReadObjectAsync(context);
        var queryDryRun = context.Request.Query["dryRun"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        var eviction = EvictionRequest.Parse(body, ns, name, queryDryRun);
        await admission.ValidateAsync(AdmissionContext(context, eviction, ns, name), context.RequestAborted);
        new PodEviction(store, clock).Evict(ns, name, eviction);
        await JsonResponses.WriteAsync(context, StatusCodes.Status201Created, WriteSuccess);
    }

    /// <summary>
    /// The review's dryRun is the query's alone (CreateOptions): a dry run asked for only in the body's
    /// deleteOptions reaches webhooks as dryRun false, which is what a 1.36 kube-apiserver sends.
    /// </summary>
    private static AdmissionRequestContext AdmissionContext(HttpContext context, EvictionRequest eviction, string ns, string name)
    {
        var attributes = new AdmissionAttributes("", "v1", "pods", "eviction", "CREATE", ns, name,
            DryRun: eviction.QueryDryRun.Count > 0);
        var requestKind = new GroupVersionKind("policy", eviction.Version, "Eviction");
        return new AdmissionRequestContext(attributes, StorageKind, requestKind, AdmittedObject(eviction, ns), RequestUser.Of(context));
    }

    /// <summary>The body as sent, with what the server fills in (type, namespace, a propagated dryRun), as Create hands it on.</summary>
    private static JsonObject AdmittedObject(EvictionRequest eviction, string ns)
    {
        var obj = eviction.Body.DeepClone().AsObject();
        // The server re-encodes the decoded object, so type and namespace are there even when the caller left them out.
        Meta.SetTypeMeta(obj, eviction.ApiVersion, "Eviction");
        Meta.Of(obj)["namespace"] = ns;
        if (obj["deleteOptions"] is JsonObject)
        {
            obj["deleteOptions"] = eviction.DeleteOptions.DeepClone();
        }
        return obj;
    }

    /// <summary>The Status every create-only pods subresource answers with (eviction, binding).</summary>
    internal static void WriteSuccess(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", "Status");
        writer.WriteString("apiVersion", "v1");
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteString("status", "Success");
        writer.WriteNumber("code", StatusCodes.Status201Created);
        writer.WriteEndObject();
    }
}
