using Interceptor.Simulator.Admission;

namespace Interceptor.Simulator.Controllers;

/// <summary>
/// Who the simulated controllers are in an AdmissionReview's userInfo: kube-controller-manager runs each
/// controller under its own service account in kube-system (--use-service-account-credentials).
/// </summary>
internal static class ControllerUsers
{
    public static readonly AdmissionUser ReplicaSet = For("replicaset-controller");
    public static readonly AdmissionUser Deployment = For("deployment-controller");
    public static readonly AdmissionUser StatefulSet = For("statefulset-controller");
    public static readonly AdmissionUser DaemonSet = For("daemon-set-controller");

    private static AdmissionUser For(string serviceAccount) => new(
        $"system:serviceaccount:kube-system:{serviceAccount}",
        ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]);
}
