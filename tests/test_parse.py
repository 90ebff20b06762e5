"""Parsing the two real reports: title, table of contents, and every leaf's paragraphs.

The table below was written by reading the reports: for each leaf of the table of contents,
how its body cell begins and how it ends. Every paragraph must land in the right leaf.
"""
from __future__ import annotations

import pytest

LEAVES = {
    104: [
        ('(一)加強輔導工會組織', '1.輔導本市各類型工會發展及', '勞動活動系列中公開表揚。'),
        ('(二)模範勞工選拔及表揚', '辦理本市104年模範勞工選拔', '活動圓滿順利，成效良好。'),
        ('(一)輔導各級工會暨相關團體辦理勞工教育訓練', '補助各級工會組織辦理勞工教育', '會務訊息及相關政策資訊。'),
        ('(二)多元化辦理勞工教育，擴大參與層面', '1.推動高中職勞動法制教育，', '進民眾瞭解自身工作權益。'),
        ('(一)全民健康保險補助', '賡續辦理本市全民健康保險補助', '保險補助積欠款還款計畫。'),
        ('(二)勞工保險補助', '1.賡續辦理本市勞工保險補助', '宣導會，計250人參加。'),
        ('二、輔導本市企業組織職工福利委員會暨會務運作', '輔導事業單位成立職工福利委員', '發言及會後詢問問題踴躍。'),
        ('(一)核發勞工職業災害慰問金', '104年度受理職災勞工死亡及', '1,748'),
        ('(二)辦理職業災害勞工個案管理服務', '1.配合勞動部職業安全衛生署', '共計3萬2,659人次。'),
        ('四、補助本市各事業單位辦理托兒設施、措施', '1.為加強推動性別工作平權政', '利、勞工保險給付等資訊。'),
        ('五、志願服務工作', '1.本府期透過志願服務人員協', '490'),
        ('六、提供社會住宅－勞工住宅租賃', '1.本府為協助本市勞工解決居', '約127萬3,880元。'),
        ('一、高雄市勞工權益基金(涉訟補助)', '針對受僱於本市事業單位之工會', '式以減輕權益基金之負擔。'),
        ('二、勞資爭議調處', '104年受理勞資爭議案件統計', '件，所占比率呈上升趨勢。'),
        ('三、性別工作平等', '1.為促進女性勞動權益，提升', '2場次，宣導740人次。'),
        ('四、加強勞工退休準備金提撥及查核', '1.主動稽查本市轄區已依法開', '金給付等計1,755件。'),
        ('五、加強勞動基準勞動檢查及法令宣導', '1. 為督促事業單位確實依勞', '）人數達11,113人。'),
        ('六、提高勞工安全衛生意識與加強安全衛生宣導', '1.成立「雄愛勞工輔導團」，', '0日舉行頒獎及表揚典禮。'),
        ('七、勞動檢查', '1.104年辦理一般安全衛生', '：104年12月31日止'),
        ('(一)勞工博物館', '勞工博物館肩負保存及推廣勞動', '容，促進觀眾欣賞與參觀。'),
        ('(二)開辦勞工大學', '1.勞工大學課程區分為勞動事', '眷屬6,338人次參加。'),
        ('(三)勞工教育生活中心住宿服務', '1.104年5月向勞動部申請', '8日起委託民間單位經營)'),
        ('(四)加強辦理外籍勞工管理', '1.外籍勞工管理相關業務', '理，參加人次計450人。'),
        ('(五)內政部外籍配偶照顧輔導基金', '104年「外籍配偶照顧輔導基', '偶報名上課學習就業技能。'),
        ('(一)公費培訓職前訓練計畫－協助失業勞工培訓就業技能，促進就業', '1.為因應本市產業發展與切合', '15年國家人才發展獎」。'),
        ('(二)就業安定基金補助地方政府辦理失業者職業訓練－因應區域計畫，針對產業發展趨勢，擬定相關人才培訓計劃', '1.勞工局訓練就業中心『職業', '0場次，服務664人次。'),
        ('(三)建構多元化之就業服務平台－善用資源，提供全面性、完整性之就業服務，達到勞資雙方求職求才之就業媒合績效', '1.有效整合大高雄就業服務資', '入更生人保護教化的工作。'),
        ('(四)本市提升大專以上青年就業計畫', '1.首創「幸福高雄移居津貼」', '座，共計804人次參與。'),
        ('(五)辦理防治就業歧視及性別平等宣導活動－落實推動就業歧視防治及性別平等業務，以達到普遍宣導與預防效果，推動就業機會平等之理念', '1.104年1月至12月受理', '性別平等裁罰案，計3案。'),
        ('(六)公部門臨時工作機會', '1.104年1月至12月爭取', '畫共進用399名工讀生。'),
        ('(七)資遣通報－查核業者通報之正確性', '1.104年度受理資遣通報件', '75張非自願離職證明書。'),
        ('(八)就業安定基金', '運用就業安定基金，辦理各項就', '4(千)元、46項計畫。'),
        ('(九)查處不實廣告及扣留證件保證金與財物', '1.104年1月至12月受理', '，共7,800人次參與。'),
        ('(一)定額進用業務', '1.每月定期審核本市義務機關', '4年度計11個單位受獎。'),
        ('(二)超額進用身心障礙者獎勵金核發', '受理104年度超額進用身障者', '人、獎勵金額423萬元。'),
        ('(三)身心障礙者創業貸款業務', '104年度辦理身心障礙者創業', '，金額共計2,007元。'),
        ('(四)身心障礙者自力更生補助業務', '104年度辦理身心障礙者創業', '計42萬5,253元整。'),
        ('(五)身心障礙者創業輔導', '委託民間單位辦理「104年輔', '台幣22萬4,863元。'),
        ('(六)庇護性就業', '1.104年度本府補助喜憨兒', '紮根論壇活動」公開表揚。'),
        ('(七)庇護商品行銷', '1.委託民間單位辦理「201', '瘋庇護工場採購列車活動。'),
        ('(八)身心障礙者職業重建服務', '1.身心障礙者職業輔導評量服', '3,000人次以上受益。'),
        ('(九)視障者就業服務', '1.建置本市視障按摩據點資訊', '與人數約3,123人次。'),
        ('(十)辦理身心障礙者職業訓練業務', '1.自辦職業訓練於104年3', '0人，考取證照率80％。'),
    ],
    110: [
        ('(一)輔導工會組織', '1.輔導本市各類型工會發展及', '持續輔導52家工會運作。'),
        ('(二)模範勞工選拔及表揚', '辦理本市110年模範勞工選拔', '萬元，共計發放53萬元。'),
        ('(一)輔導各級工會及團體', '輔導事業單位成立職工福利委員', '程變更等事項計453件。'),
        ('(二)推動勞工教育', '1.推動高中職勞動法制教育，', '進民眾瞭解自身工作權益。'),
        ('(一)全民健康保險補助', '本市全民健康保險補助積欠款還', '0元，本案全數償還完畢。'),
        ('(二)勞工保險補助', '1.本市勞工保險補助積欠款還', '會1場次，計80人參加。'),
        ('(一)核發勞工職業災害慰問金', '110年受理職災勞工死亡及失', '1788.8'),
        ('(二)辦理職業災害勞工個案管理服務', '1.配合勞動部職業安全衛生署', '共計1萬1,928人次。'),
        ('三、補助本市各事業單位辦理托兒設施、措施', '依據｢高雄市雇主提供哺集乳室', '勵事業單位提供友善職場。'),
        ('四、志願服務工作', '1.透過志願服務人員協助，解', '621'),
        ('五、勞工住宅租賃', '1.為協助本市勞工解決居住問', '計180萬3,642元。'),
        ('一、高雄市勞工權益基金(涉訟補助)', '對於設籍於本市4個月以上事業', '本市勞工權益基金之負擔。'),
        ('二、勞資爭議調處', '110年受理勞資爭議案件統計', '110年度計有394件。'),
        ('三、勞工退休準備金提撥及查核', '1.主動宣導、查核本市轄區已', '請求人會議1,117件。'),
        ('四、勞動基準勞動檢查及宣導', '1.為督促事業單位確實依勞動', '1工作者2,273家次。'),
        ('五、勞工安全衛生宣導', '1.成立「雄愛勞工輔導團」，', '27日由市長頒獎及表揚。'),
        ('六、職業安全衛生檢查', '1.新設公司(工廠/工地)輔', '等之接觸、物體倒塌崩塌。'),
        ('七、外籍勞工管理', '1.外勞查察、法令諮詢、爭議', '10年12月31日止)。'),
        ('八、開辦勞工大學', '1.勞工大學秉持多樣化課程設', '、上課人數4,816人。'),
        ('九、場地租借及住宿服務', '1.勞工局勞工教育生活中心獅', '共計99萬2,310元。'),
        ('十、勞工博物館營運', '勞工博物館肩負保存及推廣勞動', '共化比率達42.01%。'),
        ('(一)自辦職業訓練及技能檢定', '1.因應本市產業發展與就業市', '動，服務1,468人次。'),
        ('(二)委外失業者職業訓練', '1.110年運用勞動部就業安', '，確保學員參訓環境安全。'),
        ('(三)補助照顧服務員職業訓練', '110年運用勞動部就業安定基', '月就業率預計可達75%。'),
        ('(一)求職求才服務', '1.整合轄區資源，辦理各類型', '服務及從事通譯工作權益。'),
        ('(二)青年就業協助', '1.校園客製化服務', '，就業率達77.55%。'),
        ('(三)多元培力及臨時工作機會', '1.110年爭取民間團體多元', '機會，上工率達100%。'),
        ('(四)查處不實廣告、防制就業歧視及性別平等宣導', '1.110年受理就業歧視及性', '案、薪資未公開揭示4案。'),
        ('(一)定額進用', '1.每月定期審核本市義務機關', '行動通信分公司高雄營運處'),
        ('(二)超額進用身心障礙者獎勵金核發', '110年第1至3季核發超額進', '人次，總金額332萬元。'),
        ('(三)自力更生補助', '110年度身心障礙者自力更生', '設備及營業場所房租補助。'),
        ('(四)創業輔導', '110年度辦理「用心演說-身', '傳曝光用心演說系列講座。'),
        ('(五)庇護性就業', '1.本市庇護工場現有喜憨兒創', '額293萬6,298元。'),
        ('(六)職業重建服務', '1.勞工局結合民間身障福利團', '者連結相關職業重建資源。'),
        ('(七)視障者就業培力', '1.視障按摩業輔導', '補貼金額1,480萬元。'),
        ('(八)辦理身心障礙者職業訓練業務', '1.110年度自辦身心障礙者', '生及辦理結訓成果展活動。'),
        ('(九)辦理宣導及身障徵才活動', '1.110年9月25日上午假', '計6場次，宣導328人。'),
        ('伍、整體風險管理(含內部控制)推動情形', '本府勞工局暨所屬機關已依「行', '以合理確保達成施政目標。'),
    ],
}


def leaf_paragraphs(report):
    by_leaf: dict[str, list] = {}
    for p in report.paragraphs:
        by_leaf.setdefault(p.section[-1], []).append(p)
    return by_leaf


def test_title_block(reports):
    r104, r110 = reports[104], reports[110]
    assert (r104.agency, r104.year, r104.year_ad) == ("高雄市政府勞工局", 104, 2015)
    assert (r110.agency, r110.year, r110.year_ad) == ("高雄市政府勞工局", 110, 2021)
    assert r104.title == "高雄市政府勞工局104年度施政績效成果報告"
    assert r104.id != r110.id


def test_table_of_contents_tree(reports):
    r104, r110 = reports[104], reports[110]
    assert [h.printed for h in r104.toc] == ["壹、勞工組訓及教育輔導", "貳、勞工福利暨社會保險", "參、勞工行政", "肆、勞工福利及職業訓練"]
    assert [h.printed for h in r110.toc][-1] == "伍、整體風險管理(含內部控制)推動情形"
    assert r110.toc[-1].is_leaf  # a chapter with no children is itself a leaf
    labour_admin = r104.toc[2]
    assert [c.printed for c in labour_admin.children][:2] == ["一、高雄市勞工權益基金(涉訟補助)", "二、勞資爭議調處"]
    assert all(c.is_leaf for c in labour_admin.children)
    assert [c.printed for c in r104.toc[3].children[2].children][-1] == "(十)辦理身心障礙者職業訓練業務"
    assert len(r104.leaves()) == 43 and len(r110.leaves()) == 38


@pytest.mark.parametrize("year", [104, 110])
def test_every_leaf_has_its_own_paragraphs(reports, year):
    report = reports[year]
    by_leaf = leaf_paragraphs(report)
    expected = LEAVES[year]
    assert [leaf.printed for _, leaf in report.leaves()] == [printed for printed, _, _ in expected]
    for printed, first, last in expected:
        paragraphs = by_leaf.get(printed)
        assert paragraphs, f"leaf {printed} has no paragraphs"
        assert paragraphs[0].text.startswith(first), (printed, paragraphs[0].text[:30])
        assert paragraphs[-1].text.endswith(last), (printed, paragraphs[-1].text[-30:])


@pytest.mark.parametrize("year", [104, 110])
def test_every_body_line_is_in_exactly_one_paragraph(reports, corpus_dir, year):
    report = reports[year]
    lines = (corpus_dir / report.source).read_text(encoding="utf-8").split("\n")
    seen = [n for p in report.paragraphs for n in p.lines]
    assert len(seen) == len(set(seen))
    first_body = min(seen)
    body = [i for i in range(first_body, len(lines) + 1) if lines[i - 1].strip()]
    assert sorted(seen) == body
    # nothing from the title block or the table of contents leaks into the body
    toc_lines = {h.line for _, leaf in report.leaves() for h in (leaf,)}
    assert first_body > max(toc_lines)


@pytest.mark.parametrize("year", [104, 110])
def test_paragraph_text_is_verbatim(reports, corpus_dir, year):
    report = reports[year]
    lines = (corpus_dir / report.source).read_text(encoding="utf-8").split("\n")
    for p in report.paragraphs:
        for n in p.lines:
            assert lines[n - 1].strip() in p.text


def test_table_fragments_become_one_table_paragraph(reports):
    volunteers = [p for p in reports[104].paragraphs if p.section[-1] == "五、志願服務工作"]
    assert [p.kind for p in volunteers] == ["prose", "prose", "table"]
    table = volunteers[-1]
    assert table.text.startswith("單位\n勞工服務中心") and table.text.endswith("490")
    assert len(table.lines) == 20
    disputes = [p for p in reports[110].paragraphs if p.section[-1] == "二、勞資爭議調處"]
    assert [p.kind for p in disputes] == ["prose", "prose", "table", "prose", "table", "prose", "prose"]
    assert disputes[1].text == "1.爭議類別" and disputes[3].text == "2.處理方式"


def test_decimal_table_value_is_not_an_item(reports):
    platform = [p for p in reports[104].paragraphs if p.section[-1].startswith("(三)建構多元化之就業服務平台")]
    table = next(p for p in platform if p.kind == "table")
    assert table.text.endswith("1.82")
    assert not any(p.text.startswith("1.82") for p in platform if p.kind == "prose")


def test_wrapped_lines_join_their_sentence(reports):
    health = [p for p in reports[110].paragraphs if p.section[-1] == "(一)全民健康保險補助"]
    assert [p.text for p in health][1] == (
        "110年1月繳納欠費31億7,799萬9,000元，5月繳納欠費16億2,453萬1,666元，總計繳納48億253萬666元，"
        "並獲衛福部補助20億7,384萬7,000元，本案全數償還完畢。"
    )
    assert len(health[1].lines) == 3


def test_paragraph_ids_are_readable_and_unique(reports):
    ids = [p.id for r in reports.values() for p in r.paragraphs]
    assert len(ids) == len(set(ids))
    first = reports[104].paragraphs[0]
    assert first.id == f"{reports[104].id}-1.1.1-1"
    disputes = next(p for p in reports[104].paragraphs if p.section[-1] == "二、勞資爭議調處")
    assert disputes.id == f"{reports[104].id}-3.2-1"


def test_a_warning_names_the_report_and_the_leaves_placed_by_wording(reports, corpus_dir):
    from indexer.model import Placement
    from indexer.parse import parse_report

    text = (corpus_dir / reports[110].source).read_text(encoding="utf-8")
    report = parse_report(text, source="some-report.txt")
    message = report.warnings[0]
    assert message.startswith("some-report.txt: numbering suggests")
    assert "(三)自力更生補助 (line 401)" in message and "伍、整體風險管理(含內部控制)推動情形" in message
    assert Placement("(三)自力更生補助", 401) in report.placed and len(report.placed) == 8
    assert report.empty == ()


def test_a_report_of_a_megabyte_is_parsed_whole(corpus_dir):
    """Government reports of several hundred KB are ordinary: aligning a long body costs
    about its length times the number of leaves (the body here is the real one repeated)."""
    from indexer.parse import parse_report

    lines = (corpus_dir / "kcg-labor-110.txt").read_text(encoding="utf-8").splitlines()
    cut = int(len(lines) * 0.4)  # title and table of contents, then the body 32 times
    text = "\n".join(lines[:cut] + lines[cut:] * 32)
    assert len(text.encode("utf-8")) > 1_000_000
    report = parse_report(text)
    body = [line.strip() for line in lines[cut:] * 32 if line.strip()]
    kept = sum(len(p.lines) for p in report.paragraphs)
    assert kept >= 0.95 * len(body)
    starts = [p.section for p in report.paragraphs]
    assert len(set(starts)) == len({p.section for p in parse_report("\n".join(lines)).paragraphs})
