import Foundation
import GazetteModel
import GazetteStore

/// The words and forms a clerk reads on the page: dates as `2026年12月2日`, the gazette's terms
/// for the columns the command line names in English.
enum Chinese {
    /// `2020-09-30` → `2020年9月30日`; a time keeps its hour (`2020年12月1日 08:00`); anything else
    /// as it is.
    static func date(_ iso: String?) -> String {
        guard let iso, !iso.isEmpty else { return "" }
        guard let day = CivilDate(String(iso.prefix(10))) else { return iso }
        let words = "\(day.year)年\(day.month)月\(day.day)日"
        let rest = iso.dropFirst(10)
        guard rest.count >= 6, rest.first == "T" || rest.first == " " else { return words }
        return words + " " + rest.dropFirst().prefix(5)
    }

    /// The page's heading for a column of a command's table; a column it does not know keeps its name.
    static func column(_ header: String) -> String { columns[header] ?? header }

    static let columns: [String: String] = [
        "number": "文号", "date": "日期", "title": "标题", "issuer": "发文机关", "issue": "期号", "sections": "条款数",
        "attachments": "附件数", "modules": "所属业务", "status": "状态", "id": "编号", "body": "机构", "name": "姓名",
        "role": "职务", "unit": "单位", "titles": "职务名称", "citation": "出处", "from": "起", "until": "止", "to": "止",
        "source": "来源", "person": "人员编号", "seat": "席位编号", "duty": "职责", "category": "类别", "units": "责任单位",
        "kind": "类型", "members": "成员数", "office": "办公室", "director": "办公室主任", "document": "文件", "snippet": "摘录",
        "change": "变化", "level": "级别", "response": "响应", "issued": "发布", "lifted": "解除", "signer": "签发人",
        "overdue": "逾期", "due": "时限", "filed": "报送日期", "town": "镇街", "report": "报告", "parcel": "地块",
        "finding": "结论", "detail": "说明", "meeting": "会议", "decision": "议定事项", "closed": "办结", "basis": "依据",
        "module": "业务", "value": "数值", "label": "名称", "list": "名单", "period": "期间", "owner": "承办单位", "task": "任务",
        "note": "备注", "matters": "事项", "court": "法院", "opened": "受理", "outcome": "结果", "project": "项目",
        "topic": "议题", "at": "时间", "by": "操作人", "via": "途径", "action": "操作", "record": "记录", "reason": "理由", "before": "修改前",
        "after": "修改后", "bodies": "所在机构", "kept": "保持", "joined": "加入", "left": "离开", "year": "年度",
        "received": "签收日期", "signature": "签收人", "roles": "角色", "created": "开立", "disabled": "停用",
        "ref": "序号", "lead": "牵头单位", "deadline": "完成时限", "last report": "最近反馈", "text": "内容", "on": "日期", "tasks": "任务数",
        "done": "已办结", "on time": "按时办结", "due soon": "临期",
    ]

    /// A ledger field's label on a form (`issued-at` → 发布时间); a field it does not know keeps its name.
    static func field(_ name: String) -> String { fields[name] ?? columns[name] ?? name }

    static let fields: [String: String] = [
        "level": "级别", "issued-at": "发布时间", "regional-alert-at": "收到区域预警时间", "lifted-at": "解除时间", "signer": "签发人",
        "note": "备注", "alert-id": "所属预警编号", "kind": "类型", "date": "日期", "filed-on": "报送日期", "adjusted-at": "调整时间",
        "town": "镇街", "found-on": "核查日期", "meeting-id": "所属会议编号", "unit": "单位", "decision": "议定事项", "due": "办理时限",
        "closed-on": "办结日期", "report-upward": "是否上报", "basis": "依据", "outcome": "结果", "subject": "会议主题", "minutes": "纪要",
        "topics": "议题", "name": "名称", "facts": "项目情况", "added-on": "登记日期", "project-id": "项目编号", "amount": "金额",
        "override-reason": "超出标准的理由", "year": "年度", "tax-per-mu": "亩均税收", "annual-tax": "年度税收", "operating": "是否正常经营",
        "holder": "资金使用单位", "allocated": "安排金额", "purpose": "用途", "misuse": "是否违规使用", "debtor": "债务人",
        "accepted-on": "受理日期", "administrator": "管理人", "case-id": "所属案件编号", "matter": "事项序号", "title": "事项",
        "citation": "出处", "status": "状态", "chair": "主持人", "case-matter-id": "协调事项编号", "owner": "承办单位", "task": "任务",
        "list": "名单", "period": "期间", "post": "职务", "phone": "电话", "since": "起始日期", "category": "类别", "area-mu": "面积（亩）",
        "agreed-start": "约定开工日期", "actual-start": "实际开工日期", "cause": "闲置原因", "approval-date": "批准日期",
        "supply-date": "供地日期", "price": "价款", "evidence": "办结依据", "industry": "行业", "grade": "绩效分级",
        "protected": "是否保障类", "condition": "条件", "yellow": "黄色预警措施", "orange": "橙色预警措施", "red": "红色预警措施",
    ]

    /// Who does what on the log: the actions the store writes, in words.
    static func action(_ action: String) -> String { actions[action] ?? action }

    static let actions: [String: String] = [
        "import": "导入", "add": "新增", "amend": "更正", "void": "作废", "withdraw": "撤回", "restore": "恢复",
        "merge": "合并人员", "split": "拆分人员",
        "lift": "解除", "close": "办结", "minutes": "记录纪要", "receive": "接收", "unit-alias": "登记单位别名", "roster-change": "变更名单",
        "roster-undo": "撤销名单变更", "calendar-import": "导入日历", "config": "设置", "account-add": "新增账户", "account-disable": "停用账户",
        "account-password": "修改密码", "account-roles": "调整角色", "sign-in": "登录", "sign-in-failed": "登录失败", "sign-in-locked": "登录锁定",
        "sign-out": "退出", "settle": "协调解决", "escalate": "提交上一级",
        "task-report": "反馈进度", "task-done": "办结", "task-extend": "延期", "task-add": "登记任务",
    ]
}

extension String {
    /// Nil for an empty string: a template's section shows for any string, an empty one too.
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension DocumentStatus {
    /// The badge's class: in force, or not.
    var badge: String {
        switch self {
        case .inForce: "badge-in-force"
        case .reference: "badge-reference"
        case .withdrawn, .superseded: "badge-out"
        }
    }
}

/// A citation as a link to its clause: `周政办字〔2020〕35号 四(一)` → `/documents/…#四-一`.
struct CitationLink {
    var text: String
    var href: String?

    init(_ text: String) {
        self.text = text
        guard let citation = Citation(parsing: text), DocumentNumber(citation.document) != nil || !citation.path.isEmpty else {
            href = nil
            return
        }
        let anchor = citation.anchor
        href = "/documents/" + Web.pathComponent(citation.document) + (anchor.isEmpty ? "" : "#" + anchor)
    }
}
