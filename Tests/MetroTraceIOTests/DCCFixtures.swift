import Foundation

/// Small certificates written for the project's tests: a template with the parts each
/// test varies.
enum DCCFixtures {
    static func certificate(
        version: String = "3.1.1", id: String = "JXIM-DCC-2026-0001", begin: String = "2026-03-02",
        labCode: String = "JXIM", labName: String = "江西省计量测试研究院",
        itemIdentification: String = "MED-PG", equipment: String = "JXIM-PB",
        results: String = Self.realResult, statements: String = ""
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <dcc:digitalCalibrationCertificate xmlns:dcc="https://ptb.de/dcc" xmlns:si="https://ptb.de/si" schemaVersion="\(version)">
          <dcc:administrativeData>
            <dcc:dccSoftware><dcc:software><dcc:name><dcc:content>test</dcc:content></dcc:name><dcc:release>1</dcc:release></dcc:software></dcc:dccSoftware>
            <dcc:coreData>
              <dcc:countryCodeISO3166_1>CN</dcc:countryCodeISO3166_1>
              <dcc:usedLangCodeISO639_1>zh</dcc:usedLangCodeISO639_1>
              <dcc:mandatoryLangCodeISO639_1>zh</dcc:mandatoryLangCodeISO639_1>
              <dcc:uniqueIdentifier>\(id)</dcc:uniqueIdentifier>
              <dcc:beginPerformanceDate>\(begin)</dcc:beginPerformanceDate>
              <dcc:endPerformanceDate>\(begin)</dcc:endPerformanceDate>
              <dcc:performanceLocation>laboratory</dcc:performanceLocation>
            </dcc:coreData>
            <dcc:items>
              <dcc:item>
                <dcc:name><dcc:content lang="zh">数字压力计</dcc:content></dcc:name>
                <dcc:manufacturer><dcc:name><dcc:content>Maker</dcc:content></dcc:name></dcc:manufacturer>
                <dcc:identifications>
                  <dcc:identification><dcc:issuer>manufacturer</dcc:issuer><dcc:value>\(itemIdentification)</dcc:value></dcc:identification>
                </dcc:identifications>
              </dcc:item>
            </dcc:items>
            <dcc:calibrationLaboratory>
              <dcc:calibrationLaboratoryCode>\(labCode)</dcc:calibrationLaboratoryCode>
              <dcc:contact><dcc:name><dcc:content>\(labName)</dcc:content></dcc:name><dcc:eMail>lab@example.org</dcc:eMail>
                <dcc:location><dcc:city>南昌</dcc:city></dcc:location></dcc:contact>
            </dcc:calibrationLaboratory>
            <dcc:respPersons><dcc:respPerson><dcc:person><dcc:name><dcc:content>A</dcc:content></dcc:name></dcc:person></dcc:respPerson></dcc:respPersons>
            <dcc:customer><dcc:name><dcc:content>江西省医疗器械产业计量测试中心</dcc:content></dcc:name><dcc:location><dcc:city>南昌</dcc:city></dcc:location></dcc:customer>
            \(statements.isEmpty ? "" : "<dcc:statements>\(statements)</dcc:statements>")
          </dcc:administrativeData>
          <dcc:measurementResults>
            <dcc:measurementResult>
              <dcc:name><dcc:content>Calibration</dcc:content></dcc:name>
              <dcc:usedMethods><dcc:usedMethod><dcc:name><dcc:content>method</dcc:content></dcc:name><dcc:norm>JJG 875-2019</dcc:norm></dcc:usedMethod></dcc:usedMethods>
              <dcc:measuringEquipments>
                <dcc:measuringEquipment><dcc:name><dcc:content>活塞式压力计</dcc:content></dcc:name>
                  <dcc:identifications><dcc:identification><dcc:issuer>calibrationLaboratory</dcc:issuer><dcc:value>\(equipment)</dcc:value></dcc:identification></dcc:identifications>
                </dcc:measuringEquipment>
              </dcc:measuringEquipments>
              <dcc:results>
                <dcc:result>
                  <dcc:name><dcc:content>Result</dcc:content></dcc:name>
                  <dcc:data>\(results)</dcc:data>
                </dcc:result>
              </dcc:results>
            </dcc:measurementResult>
          </dcc:measurementResults>
        </dcc:digitalCalibrationCertificate>
        """
    }

    /// Two points of a list: nominal values marked by refType, measured values with U.
    static let realResult = """
        <dcc:list>
          <dcc:quantity refType="basic_nominalValue"><si:real><si:value>20</si:value><si:unit>\\kilo\\pascal</si:unit></si:real></dcc:quantity>
          <dcc:quantity refType="basic_measuredValue"><si:real><si:value>20.012</si:value><si:unit>\\kilo\\pascal</si:unit>
            <si:expandedUnc><si:uncertainty>0.008</si:uncertainty><si:coverageFactor>2</si:coverageFactor><si:coverageProbability>0.95</si:coverageProbability></si:expandedUnc></si:real></dcc:quantity>
        </dcc:list>
        <dcc:list>
          <dcc:quantity refType="basic_nominalValue"><si:real><si:value>100</si:value><si:unit>\\kilo\\pascal</si:unit></si:real></dcc:quantity>
          <dcc:quantity refType="basic_measuredValue"><si:real><si:value>100.03</si:value><si:unit>\\kilo\\pascal</si:unit>
            <si:expandedUnc><si:uncertainty>0.02</si:uncertainty><si:coverageFactor>2</si:coverageFactor><si:coverageProbability>0.95</si:coverageProbability></si:expandedUnc></si:real></dcc:quantity>
        </dcc:list>
        """

    /// The same two points as one D-SI 2 list: values, units and uncertainties as XML lists.
    static let listResult = """
        <dcc:quantity refType="basic_nominalValue"><si:realListXMLList><si:valueXMLList>20 100</si:valueXMLList><si:unitXMLList>\\kilo\\pascal</si:unitXMLList></si:realListXMLList></dcc:quantity>
        <dcc:quantity><si:realListXMLList><si:valueXMLList>20.012 100.03</si:valueXMLList><si:unitXMLList>\\kilo\\pascal</si:unitXMLList>
          <si:expandedUncXMLList><si:uncertaintyXMLList>0.008 0.02</si:uncertaintyXMLList><si:coverageFactorXMLList>2</si:coverageFactorXMLList><si:coverageProbabilityXMLList>0.95</si:coverageProbabilityXMLList></si:expandedUncXMLList>
        </si:realListXMLList></dcc:quantity>
        """

    /// One value in two units (si:hybrid, the first is read) with a coverage interval.
    static let hybridResult = """
        <dcc:quantity><si:hybrid>
          <si:real><si:value>50.004</si:value><si:unit>\\kilo\\pascal</si:unit>
            <si:coverageInterval><si:standardUnc>0.005</si:standardUnc><si:intervalMin>49.994</si:intervalMin><si:intervalMax>50.014</si:intervalMax><si:coverageProbability>0.95</si:coverageProbability></si:coverageInterval></si:real>
          <si:real><si:value>0.50004</si:value><si:unit>\\bar</si:unit></si:real>
        </si:hybrid></dcc:quantity>
        """
}
