import AntiMoneyLaundering
import BankruptcyCoordination
import InvestmentIncentives
import LandRectification
import ModuleSpine
import PollutionResponse

/// The one list of policy modules. A sixth policy is one more line here.
public enum ModuleRegistry {
    public static let all: [any PolicyModule.Type] = [
        IncentivesModule.self,
        AntiMoneyLaunderingModule.self,
        LandRectificationModule.self,
        BankruptcyCoordinationModule.self,
        PollutionResponseModule.self,
    ]
}
