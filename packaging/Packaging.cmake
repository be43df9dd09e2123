# packaging/: install rules and the Debian package (cpack -G DEB in the build folder).
#
# Installs whichever programs exist, the assets, man pages made from each program's --help
# (help2man, when installed), the office config and session files as conffiles, the udev rule and
# the systemd units. Data lives in /var/lib/motcua (made by the postinst, 0750 motcua:motcua).
set(motcua_packaging_dir ${CMAKE_CURRENT_LIST_DIR})

set(motcua_programs motcua motcua-kiosk motcua-display motcua-console motcua-say motcua-web)
set(motcua_program_summary_motcua "queue tickets and procedure kiosk for a one-stop office")
set(motcua_program_summary_motcua-kiosk "citizen touchscreen kiosk: procedures and queue tickets")
set(motcua_program_summary_motcua-display "lobby and counter displays with voice calls")
set(motcua_program_summary_motcua-console "staff console: call and serve citizens at a counter")
set(motcua_program_summary_motcua-say "say or save a Vietnamese ticket-call announcement")
set(motcua_program_summary_motcua-web "citizens' web pages: live ticket page and numbers taken online")

find_program(MOTCUA_HELP2MAN help2man)
set(motcua_man_pages "")
foreach(program IN LISTS motcua_programs)
  if(NOT TARGET ${program})
    continue()
  endif()
  install(TARGETS ${program} RUNTIME DESTINATION bin)
  if(MOTCUA_HELP2MAN)
    # SDL programs print --help before touching a screen; the drivers are set in case one does not.
    set(page ${PROJECT_BINARY_DIR}/man/${program}.1.gz)
    add_custom_command(
      OUTPUT ${page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
              ${MOTCUA_HELP2MAN} --no-info --no-discard-stderr --section=1
              --version-string=${PROJECT_VERSION}
              "--name=${motcua_program_summary_${program}}"
              --output=${PROJECT_BINARY_DIR}/man/${program}.1 $<TARGET_FILE:${program}>
      COMMAND gzip -9nf ${PROJECT_BINARY_DIR}/man/${program}.1
      DEPENDS ${program}
      COMMENT "Man page for ${program} (help2man)"
      VERBATIM)
    list(APPEND motcua_man_pages ${page})
  endif()
endforeach()
if(motcua_man_pages)
  add_custom_target(motcua_man_pages ALL DEPENDS ${motcua_man_pages})
  install(FILES ${motcua_man_pages} DESTINATION share/man/man1)
else()
  message(STATUS "help2man not found: the package will have no man pages (apt-get install help2man)")
endif()

# Assets: the procedures catalogue and the example office config; READMEs are documentation.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/catalogue/ DESTINATION share/motcua/catalogue
        FILES_MATCHING PATTERN "*.tsv")
install(FILES ${PROJECT_SOURCE_DIR}/assets/office.toml ${PROJECT_SOURCE_DIR}/assets/calendar.toml DESTINATION share/motcua)
install(FILES ${PROJECT_SOURCE_DIR}/assets/office.toml ${PROJECT_SOURCE_DIR}/assets/calendar.toml DESTINATION /etc/motcua)
install(FILES ${motcua_packaging_dir}/session/sway.conf DESTINATION /etc/motcua)
install(FILES ${motcua_packaging_dir}/session/pam-motcua-session DESTINATION /etc/pam.d RENAME motcua-session)
install(FILES ${PROJECT_SOURCE_DIR}/assets/udev/60-motcua-printer.rules DESTINATION /lib/udev/rules.d)
install(FILES
          ${motcua_packaging_dir}/systemd/motcua-session.service
          ${motcua_packaging_dir}/systemd/motcua-kiosk.service
          ${motcua_packaging_dir}/systemd/motcua-display.service
          ${motcua_packaging_dir}/systemd/motcua-counter-display@.service
          ${motcua_packaging_dir}/systemd/motcua-backup.service
          ${motcua_packaging_dir}/systemd/motcua-backup.timer
          ${motcua_packaging_dir}/systemd/motcua-web.service
        DESTINATION /lib/systemd/system)

# Documentation, with the Debian changelog and copyright lintian asks for.
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${motcua_packaging_dir}/debian/copyright DESTINATION share/doc/motcua)
install(FILES ${PROJECT_SOURCE_DIR}/assets/udev/README.md ${PROJECT_SOURCE_DIR}/assets/udev/60-motcua-printer.rules
        DESTINATION share/doc/motcua/udev)
install(FILES ${PROJECT_SOURCE_DIR}/assets/voice/README.md DESTINATION share/doc/motcua/voice)
install(FILES ${PROJECT_SOURCE_DIR}/assets/catalogue/README.md DESTINATION share/doc/motcua/catalogue)
set(motcua_changelog ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
add_custom_command(
  OUTPUT ${motcua_changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/packaging
  COMMAND gzip -9nc ${motcua_packaging_dir}/debian/changelog > ${motcua_changelog}
  DEPENDS ${motcua_packaging_dir}/debian/changelog
  VERBATIM)
add_custom_target(motcua_changelog ALL DEPENDS ${motcua_changelog})
install(FILES ${motcua_changelog} DESTINATION share/doc/motcua)

# The Debian package: motcua_VERSION_amd64.deb.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME motcua)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "motcua maintainers <maintainers@users.noreply.r-seed-e45b92c0.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://dichvucong.hanoi.gov.vn")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "queue tickets and procedure kiosk for a one-stop office")
# CPack puts the summary first and indents each line of this extended description by one space.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "motcua runs the one-stop desk (Bo phan Mot cua) of a ward People's Committee
on one PC, or on several sharing a PostgreSQL server: a touchscreen kiosk where citizens look up administrative
procedures and take a numbered ticket printed on an ESC/POS thermal printer,
a lobby display with Vietnamese voice calls, a staff console, and reports
computed from the event log.
.
The package sets up a motcua system user, the kiosk session (sway, every
window fullscreen), services for the kiosk and the displays, and a daily database backup.")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Nothing the programs, the units or the kiosk session need may rest on Recommends: offices and CI
# install with --no-install-recommends. sway runs the session and libpam-systemd gives it its
# logind seat (packaging/session/pam-motcua-session). CUPS (the cups:QUEUE printer, with its backends
# in `cups`) and the sqlite3 shell are options. The one Recommends is the PostgreSQL server for the
# office whose PCs share one queue (README: Several PCs in one office); only its server PC needs it,
# so the counter and lobby PCs install with --no-install-recommends and lose nothing. pg_dump and
# pg_restore (backup and restore on that store) come with it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, fontconfig, fonts-noto-core, fonts-material-design-icons-iconfont, espeak-ng-data, sway, libpam-systemd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql")
# pipewire-pulse (or pulseaudio) in the kiosk user's session lets the kiosk see headphones plugged in
# (kiosk/kiosk_app/README.md); without a sound server the kiosk plays through ALSA as before.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cups, sqlite3, postgresql-client, pipewire-pulse")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${motcua_packaging_dir}/debian/conffiles ${motcua_packaging_dir}/debian/postinst
    ${motcua_packaging_dir}/debian/prerm ${motcua_packaging_dir}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
