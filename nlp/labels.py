"""Chinese display names of the contract keys, for messages, summaries and reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from nlp.model import ParseNote

PART_NAMES = {
    "overview": "一、总体情况",
    "active_disclosure": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
SUBSECTION_NAMES = {
    "active": "主动公开",
    "requests": "依申请公开",
    "management": "政府信息管理",
    "platform": "政府信息公开平台建设",
    "supervision": "监督保障",
}
REQUEST_ROW_NAMES = {
    "new_received": "一、本年新收",
    "carried_over": "二、上年结转",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开",
    "denied_state_secret": "（三）不予公开·1.属于国家秘密",
    "denied_prohibited_by_law": "（三）不予公开·2.其他法律行政法规禁止公开",
    "denied_three_safeties_one_stability": "（三）不予公开·3.危及“三安全一稳定”",
    "denied_third_party_rights": "（三）不予公开·4.保护第三方合法权益",
    "denied_internal_affairs": "（三）不予公开·5.属于三类内部事务信息",
    "denied_process_information": "（三）不予公开·6.属于四类过程性信息",
    "denied_law_enforcement_files": "（三）不予公开·7.属于行政执法案卷",
    "denied_administrative_query": "（三）不予公开·8.属于行政查询事项",
    "unable_not_held": "（四）无法提供·1.本机关不掌握相关政府信息",
    "unable_needs_creation": "（四）无法提供·2.没有现成信息需要另行制作",
    "unable_unclear_after_correction": "（四）无法提供·3.补正后申请内容仍不明确",
    "rejected_petition_complaint": "（五）不予处理·1.信访举报投诉类申请",
    "rejected_repeated": "（五）不予处理·2.重复申请",
    "rejected_publications": "（五）不予处理·3.要求提供公开出版物",
    "rejected_excessive": "（五）不予处理·4.无正当理由大量反复申请",
    "rejected_confirmation": "（五）不予处理·5.要求行政机关确认或重新出具已获取信息",
    "other_overdue_correction": "（六）其他处理·1.逾期不补正",
    "other_overdue_fee": "（六）其他处理·2.逾期未缴费",
    "other_other": "（六）其他处理·3.其他",
    "other_processing": "（六）其他处理",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
REQUEST_COLUMN_NAMES = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
REVIEW_GROUP_NAMES = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}
REVIEW_COLUMN_NAMES = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}
ACTIVE_ROW_NAMES = {
    "regulations": "规章",
    "normative_documents": "行政规范性文件",
    "administrative_licensing": "行政许可",
    "administrative_penalty": "行政处罚",
    "administrative_coercion": "行政强制",
    "administrative_fees": "行政事业性收费",
    # Rows and columns only the 2019 form has (see nlp.tables).
    "other_external_services": "其他对外管理服务事项",
    "government_procurement": "政府集中采购",
}
ACTIVE_COLUMN_NAMES = {
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "valid": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_10k_yuan": "本年收费金额（万元）",
    "published": "本年新公开数量",
    "published_total": "对外公开总数量",
    "items_previous_year": "上一年项目数量",
    "items_change": "本年增/减",
    "projects": "采购项目数量",
    "amount": "采购总金额",
}
TABLE_NAMES = {"active_disclosure": "表一", "requests": "表二", "review_litigation": "表三"}
_ROW_NAMES = {"active_disclosure": ACTIVE_ROW_NAMES, "requests": REQUEST_ROW_NAMES, "review_litigation": REVIEW_GROUP_NAMES}


MAX_NAMED_ROWS = 3


def row_name(table: str, row: str) -> str:
    """The printed name of a table row ("（三）不予公开·1.属于国家秘密"); the key itself when unknown."""
    return _ROW_NAMES.get(table, {}).get(row, row)


def note_groups(notes: Sequence[ParseNote]) -> list[tuple[ParseNote, str]]:
    """Parse notes grouped by table and message: each group's first note and the rows it applies to, in words
    ("「（三）不予公开·1.属于国家秘密」「…」「…」等13行"; "" when no note names a row). One layout defect repeated
    over 13 rows is one finding, not 13."""
    groups: dict[tuple[str, str], tuple[ParseNote, list[str]]] = {}
    for note in notes:
        _, rows = groups.setdefault((note.table, note.message), (note, []))
        if note.row and row_name(note.table, note.row) not in rows:
            rows.append(row_name(note.table, note.row))
    described = []
    for first, rows in groups.values():
        # Corner brackets: row names carry their own “” ("危及“三安全一稳定”").
        where = "".join(f"「{row}」" for row in rows[:MAX_NAMED_ROWS])
        if len(rows) > 1 and first.message.startswith("该行"):
            first = replace(first, message="各行" + first.message[2:])
        described.append((first, where + (f"等{len(rows)}行" if len(rows) > MAX_NAMED_ROWS else "")))
    return described


LABEL_NAMES = {
    "active": "主动公开",
    "requests": "依申请公开",
    "management": "信息管理",
    "platform": "平台建设",
    "supervision": "监督保障",
    "problem": "存在问题",
    "measure": "改进措施",
    "rectification": "上年问题整改",
    "fees": "信息处理费",
    "other_matter": "其他事项",
    "preamble": "背景与说明",
}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
