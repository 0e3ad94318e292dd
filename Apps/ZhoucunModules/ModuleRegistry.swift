import AntiMoneyLaundering
import BankruptcyCoordination
import InvestmentIncentives
import LandRectification
import ModuleSpine
import PollutionResponse

/// The one list of policy modules, for the executable and the server alike. A sixth policy is one
/// more line here; its command group (and its web routes) come with it.
public enum ModuleRegistry {
    public static let all: [any PolicyModule.Type] = [
        IncentivesModule.self,
        AntiMoneyLaunderingModule.self,
        LandRectificationModule.self,
        BankruptcyCoordinationModule.self,
        PollutionResponseModule.self,
    ]
}
