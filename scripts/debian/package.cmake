# package.cmake - what the Debian package holds beyond the programs and man
# pages (the configuration examples, the systemd units, tmpfiles.d and
# logrotate files, the Postfix fragments, copyright and changelog), and how
# CPack builds it (scripts/package: cpack -G DEB). Included from the top
# CMakeLists.txt after the programs.

set(SMSGATE_DEBIAN_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SMSGATE_EXAMPLES_DIR ${PROJECT_SOURCE_DIR}/postfix-examples)
set(SMSGATE_PACKAGE_BUILD ${PROJECT_BINARY_DIR}/package-files)
set(SMSGATE_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/smsgate)

# The paths the installed files name, as this build installs them.
set(SBINDIR ${CMAKE_INSTALL_FULL_SBINDIR})
set(SYSCONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR})
set(SMSGATE_TRANSPORT_PATH ${CMAKE_INSTALL_FULL_LIBEXECDIR}/smsgate/smsgate-transport)

# The systemd units, with the programs' and the configuration's paths.
foreach(unit transport/worker/smsgated.service milter/smsgate-milter.service)
  get_filename_component(name ${unit} NAME)
  configure_file(${PROJECT_SOURCE_DIR}/${unit} ${SMSGATE_PACKAGE_BUILD}/${name} @ONLY)
  install(FILES ${SMSGATE_PACKAGE_BUILD}/${name} DESTINATION lib/systemd/system)
endforeach()

# The configuration, as installed it works with a modem on /dev/ttyUSB0.
# The package ships them 0644; postinst makes them root:smsgate 0640 (they
# may hold SIM PINs) unless dpkg-statoverride says otherwise.
install(FILES ${SMSGATE_EXAMPLES_DIR}/smsgate.conf ${SMSGATE_EXAMPLES_DIR}/senders
  DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/smsgate)

# The Postfix fragments, with the transport where this build puts it.
file(READ ${SMSGATE_EXAMPLES_DIR}/master.cf master_cf)
string(REPLACE "/usr/local/libexec/smsgate/smsgate-transport" "${SMSGATE_TRANSPORT_PATH}" master_cf "${master_cf}")
file(WRITE ${SMSGATE_PACKAGE_BUILD}/master.cf "${master_cf}")
install(FILES ${SMSGATE_PACKAGE_BUILD}/master.cf ${SMSGATE_EXAMPLES_DIR}/main.cf ${SMSGATE_EXAMPLES_DIR}/transport
  ${SMSGATE_EXAMPLES_DIR}/README.md DESTINATION ${SMSGATE_DOC_DIR}/examples)

install(FILES ${SMSGATE_DEBIAN_DIR}/smsgate.tmpfiles DESTINATION lib/tmpfiles.d RENAME smsgate.conf)
install(FILES ${SMSGATE_DEBIAN_DIR}/smsgate.logrotate DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/logrotate.d
  RENAME smsgate)
install(FILES ${SMSGATE_DEBIAN_DIR}/copyright DESTINATION ${SMSGATE_DOC_DIR})

# Debian wants its changelog compressed, with no time stamp in the archive.
string(TIMESTAMP SMSGATE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(SMSGATE_DEBIAN_REVISION 1)
set(VERSION ${PROJECT_VERSION}-${SMSGATE_DEBIAN_REVISION})
set(SMSGATE_MAINTAINER "smsgate maintainers <smsgate@example.org>" CACHE STRING
  "Maintainer of the Debian package, \"Name <address>\"")
set(MAINTAINER ${SMSGATE_MAINTAINER})
set(DATE ${SMSGATE_DATE})
configure_file(${SMSGATE_DEBIAN_DIR}/changelog ${SMSGATE_PACKAGE_BUILD}/changelog.Debian @ONLY)
add_custom_command(OUTPUT ${SMSGATE_PACKAGE_BUILD}/changelog.Debian.gz
  COMMAND gzip -n -9 -c ${SMSGATE_PACKAGE_BUILD}/changelog.Debian > ${SMSGATE_PACKAGE_BUILD}/changelog.Debian.gz
  DEPENDS ${SMSGATE_PACKAGE_BUILD}/changelog.Debian)
add_custom_target(smsgate_changelog ALL DEPENDS ${SMSGATE_PACKAGE_BUILD}/changelog.Debian.gz)
install(FILES ${SMSGATE_PACKAGE_BUILD}/changelog.Debian.gz DESTINATION ${SMSGATE_DOC_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME smsgate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${SMSGATE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_RELEASE ${SMSGATE_DEBIAN_REVISION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "e-mail to SMS gateway for Postfix")
# The synopsis is the summary; CPack indents these lines under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A milter checks during the SMTP dialogue that the sender may send SMS and
that each recipient such as +32477324847@sms.example.com is a valid phone
number; a pipe(8) transport hands each accepted mail to a worker that sends
it through GSM modems (AT commands, PDU mode) and mails back the status
reports and the replies from the handsets.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION mail)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, postfix")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# conffiles: what dpkg keeps when the administrator changed it.
file(WRITE ${SMSGATE_PACKAGE_BUILD}/conffiles
  "${CMAKE_INSTALL_FULL_SYSCONFDIR}/smsgate/smsgate.conf\n"
  "${CMAKE_INSTALL_FULL_SYSCONFDIR}/smsgate/senders\n"
  "${CMAKE_INSTALL_FULL_SYSCONFDIR}/logrotate.d/smsgate\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${SMSGATE_PACKAGE_BUILD}/conffiles ${SMSGATE_DEBIAN_DIR}/postinst ${SMSGATE_DEBIAN_DIR}/prerm
  ${SMSGATE_DEBIAN_DIR}/postrm)
include(CPack)
