using System.Text.Json.Nodes;
using Interceptor.Simulator.Admission;
using Interceptor.Simulator.Resources;

namespace Interceptor.Simulator.Store;

/// <summary>Create-time defaults the real server applies and clients rely on seeing.</summary>
internal static class BuiltinDefaults
{
    public static void Install(FakeObjectStore store)
    {
        // A new pod is Pending until a kubelet reports otherwise.
        store.SetCreateDefaulter(BuiltinResources.Pods, pod => DefaultPhase(pod, "Pending"));
        // A new namespace is Active; kubectl and namespace-aware clients read the phase.
        store.SetCreateDefaulter(BuiltinResources.Namespaces, ns => DefaultPhase(ns, "Active"));
        // SetDefaults_Secret (core/v1 defaults.go): a Secret without a type is Opaque.
        store.SetCreateDefaulter(BuiltinResources.Secrets, secret => secret["type"] ??= "Opaque");
        store.SetCreateDefaulter(BuiltinResources.ValidatingWebhookConfigurations, WebhookConfigurationDefaults.Apply);
        store.SetCreateDefaulter(BuiltinResources.MutatingWebhookConfigurations, WebhookConfigurationDefaults.ApplyMutating);
        // A CRD serves its resource as soon as it exists; kubectl finds it through discovery.
        store.SetCreateDefaulter(BuiltinResources.CustomResourceDefinitions, store.RegisterCustomResourceDefinition);
    }

    private static void DefaultPhase(JsonObject obj, string phase)
    {
        if (obj["status"] is not JsonObject status)
        {
            status = [];
            obj["status"] = status;
        }
        status["phase"] ??= phase;
    }
}
