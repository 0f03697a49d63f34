"""Traditional → Simplified character folding: one mapping, folded by each use in the subset it was tuned with.

Reports are mirrored in Traditional script ("政府資訊公開", "數量"), and the rules and the tagger are written for
Simplified text, so each use folds a Traditional line before matching it. Every pair maps one code point to one
code point, so offsets into folded text are offsets into the original.

Why the uses fold different subsets of the one mapping rather than all of it:

* A use's patterns were tuned against the text its fold produces; folding one more character lets a Traditional
  line match a pattern it never matched before. The sentence splitter's title fold leaves 數 out because "數量"
  would then end a title (``nlp.sentences._TITLE_END``) and the item "1.主動公開政府信息數量。" would become one, while its
  page-chrome fold needs 數 for "點擊數".
* The tagger folds the whole mapping, and its fold is part of the trained model's features: a pair added here
  changes what the shipped model sees, so retrain it (``govreport train``) after adding one.
* Some Traditional forms are ordinary Simplified characters too (著 in "显著", "著作"), so a rule that reads
  Simplified text folds only the characters of its own vocabulary.

Widening a use's subset is therefore a change of that use's behaviour, to be checked against its own tests,
not a side effect of adding a pair here.

Words
    覆 is the Traditional form of 复 in "答覆", "批覆" and "回覆" (Taiwan and Hong Kong usage), but an ordinary
    Simplified character in "覆盖": it cannot fold character for character. :func:`fold_words` folds those
    words, each to a word of the same length, so offsets still hold; a use calls it besides its table. The
    tagger does not (its features are the trained model's, see above).
"""

from __future__ import annotations

import re

# Traditional then Simplified, pair after pair, in code-point order of the Traditional character (査, the
# Japanese form of 查, folds like one).
_PAIRS = (
    "並并佈布佔占併并來来係系個个們们備备傳传債债價价億亿優优儲储內内兩两冊册凈净別别則则創创劃划動动務务勝胜勞劳勢势匯汇區区協协參参員员問问單单嚴严國国圍围園园圓圆圖图團团執执堅坚報报場场塊块壓压夠够奪夺"
    "妝妆學学實实寧宁審审寫写寬宽將将專专對对導导屆届層层屬属岡冈島岛崗岗師师幫帮幾几庫库廢废廣广廳厅張张強强彙汇後后徑径從从復复徵征徹彻惡恶愛爱態态慮虑慶庆憲宪應应懷怀戰战戲戏戶户掃扫掛挂採采換换揮挥損损"
    "撐撑撥拨撫抚擁拥擊击擔担據据擬拟擴扩擺摆敗败數数斷断於于時时暢畅暫暂曉晓書书會会東东枴拐査查條条棲栖業业極极榮荣構构樂乐樑梁樓楼標标樣样樹树橋桥機机橫横檔档檢检欄栏權权歡欢歷历歸归氣气決决沒没況况減减"
    "測测準准溝沟滬沪滿满漢汉漸渐潁颍潔洁潤润濃浓濟济濱滨瀏浏灣湾災灾為为無无熱热營营爭争爾尔牽牵狀状猶犹獎奖獲获獸兽獻献現现環环產产畢毕畫画當当療疗發发盡尽監监眾众確确碼码礎础礙碍礦矿稅税種种稱称積积穩稳"
    "競竞筆笔節节範范簡简簽签籃篮籌筹粵粤糧粮糾纠紀纪約约納纳紙纸級级紮扎細细紹绍終终組组結结絕绝絡络給给統统絲丝經经綜综維维綱纲網网緊紧線线編编練练縣县縱纵總总績绩織织繞绕繫系繳缴繼继續续罰罚義义習习聞闻"
    "聯联職职聽听肅肃脫脱臨临臺台與与興兴舉举華华萬万著着蓋盖蔣蒋薦荐薩萨薰熏藥药處处號号術术衛卫補补裡里製制複复襲袭見见規规視视親亲覺觉覽览觀观觸触訂订計计訊讯討讨訓训託托記记訟讼訪访設设許许訴诉診诊註注"
    "評评詞词詢询試试話话該该認认語语誤误說说説说誰谁調调談谈請请論论諧谐諮咨諾诺謀谋講讲謝谢謹谨證证識识議议護护讀读變变讓让豐丰負负財财貧贫貨货貫贯責责貴贵貸贷費费貼贴貿贸資资質质賬账購购賽赛趙赵趨趋踐践"
    "蹤踪車车軍军較较載载輔辅輯辑輸输輿舆轄辖轉转辦办農农這这連连週周進进遊游運运過过達达違违遞递遠远適适遷迁還还邊边郵邮鄉乡鄰邻醫医釋释針针鉛铅銀银銜衔銷销錄录錫锡鍵键鎮镇鏈链鑑鉴鑒鉴長长門门閉闭開开間间"
    "閱阅關关陜陕陝陕陣阵陸陆陽阳隊队階阶際际隨随險险隱隐雖虽雙双雜杂離离難难雲云電电靈灵鞏巩響响頁页項项順顺須须預预頒颁領领頭头頻频題题額额類类顯显風风颶飓飲饮養养餘余館馆饒饶馬马駁驳駐驻騰腾驅驱驗验體体"
    "鬥斗魯鲁鶴鹤麵面點点黨党齊齐龍龙"
)
_SIMPLIFIED = dict(zip(_PAIRS[::2], _PAIRS[1::2], strict=True))


def fold_table(only: str | None = None) -> dict[int, int]:
    """The :meth:`str.translate` table folding the characters ``only`` lists, or the whole mapping.

    A listed character the mapping lacks raises :class:`ValueError`: a typo, or a Simplified character, would
    otherwise fold nothing without a sign.
    """
    unknown = [character for character in only or "" if character not in _SIMPLIFIED]
    if unknown:
        raise ValueError(f"no Simplified form for {''.join(unknown)!r}")
    return {ord(character): ord(_SIMPLIFIED[character]) for character in (_SIMPLIFIED if only is None else only)}


# Traditional words whose character folds only in them (see the module docstring), to their Simplified words.
_WORDS = {"答覆": "答复", "批覆": "批复", "回覆": "回复"}
_WORD = re.compile("|".join(_WORDS))


def fold_words(text: str) -> str:
    """``text`` with the Traditional words of :data:`_WORDS` in Simplified, same length (offsets survive)."""
    return _WORD.sub(lambda match: _WORDS[match.group()], text) if "覆" in text else text
